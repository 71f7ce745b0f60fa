package org.nativeipc.examples.queue;

import org.nativeipc.queue.SharedQueue;

/**
 * Seed §9, a queue's methods on their own: a queue of three, filled; a fourth non-blocking put
 * fails, so does a non-blocking get on the emptied queue; {@code full()} and {@code empty()}
 * say so.
 *
 * <pre>{@code
 * q = Queue(3)
 * q.put(3); q.put(3); q.put(3)
 * try: q.put_nowait(3)
 * except: print('queue is full')
 * print(q.full())
 * print(q.get()); print(q.get()); print(q.get())
 * try: q.get_nowait()
 * except: print('queue is empty')
 * print(q.empty())
 * }</pre>
 *
 * Java's {@code BlockingQueue} reports instead of throwing: {@code offer} returns false when
 * full and {@code poll} returns null when empty ({@code add} and {@code remove} throw, as
 * Python's {@code put_nowait} and {@code get_nowait} do).
 */
public final class QueueMethods {
    private QueueMethods() {
    }

    public static void main(String[] args) throws Exception {
        try (SharedQueue<Integer> q = SharedQueue.create(3)) {
            q.put(3);
            q.put(3);
            q.put(3);
            // q.put(3) would block here until someone takes an element out.
            if (!q.offer(3)) {
                System.out.println("the queue is full");
            }
            System.out.println(q.isFull());
            System.out.println(q.take());
            System.out.println(q.take());
            System.out.println(q.take());
            // q.take() would block here until someone puts an element in.
            if (q.poll() == null) {
                System.out.println("the queue is empty");
            }
            System.out.println(q.isEmpty());
            System.out.println("size " + q.size() + " of " + q.capacity());
        }
    }
}
