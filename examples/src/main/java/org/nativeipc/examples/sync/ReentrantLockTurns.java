package org.nativeipc.examples.sync;

import org.nativeipc.process.ChildProcess;
import org.nativeipc.sync.SharedReentrantLock;

/**
 * Seed §8, "the second way": two children each announce themselves, then take turns holding a
 * {@link SharedReentrantLock} (Python's {@code RLock}). Being reentrant, the holder may lock it
 * again; it is free once unlocked as many times.
 *
 * <pre>{@code
 * lock = multiprocessing.RLock()
 * def task(arg):
 *     print("I am back!"); lock.acquire(); time.sleep(2); print(arg); lock.release()
 * }</pre>
 *
 * Argument: how long each child holds the lock, in milliseconds (default 2000).
 */
public final class ReentrantLockTurns {
    private ReentrantLockTurns() {
    }

    public static void main(String[] args) throws Exception {
        long holdMillis = args.length > 0 ? Long.parseLong(args[0]) : 2000;
        try (SharedReentrantLock lock = SharedReentrantLock.create()) {
            ChildProcess p1 = new ChildProcess(() -> task(lock, 1, holdMillis)).start();
            ChildProcess p2 = new ChildProcess(() -> task(lock, 2, holdMillis)).start();
            p1.join();
            p2.join();
        }
    }

    static void task(SharedReentrantLock lock, int arg, long holdMillis) throws InterruptedException {
        System.out.println("I am back!");
        lock.lock();
        try {
            Thread.sleep(holdMillis);
            lock.lock();                       // again: a reentrant lock allows it
            try {
                System.out.println(arg + " (holding the lock " + lock.getHoldCount() + " times)");
            } finally {
                lock.unlock();
            }
        } finally {
            lock.unlock();
        }
    }
}
