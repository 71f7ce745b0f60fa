package org.nativeipc.examples.queue;

import java.util.List;

import org.nativeipc.process.ChildProcess;
import org.nativeipc.queue.SharedQueue;

/**
 * Sending your own types: records and enums go through a queue as they are, with no
 * {@code Serializable} and no Java serialization (the default codec writes their components and
 * rebuilds them through the canonical constructor). They are allowed because they live in the
 * package of the class that created the queue; types of another package need
 * {@code SharedQueue.builder().allowPackage("com.acme")}.
 *
 * <pre>{@code
 * @dataclass
 * class Order: id: int; side: Side; fills: list
 * def f(q):
 *     for i in range(1, 4): q.put(Order(i, Side.BUY if i % 2 else Side.SELL, [Fill(100 * i, 10.5)]))
 * q = Queue(); p = Process(target=f, args=(q,)); p.start()
 * for _ in range(3): print(q.get())
 * p.join()
 * }</pre>
 */
public final class RecordsThroughAQueue {
    /** Which way an order goes. */
    enum Side { BUY, SELL }

    /** One execution of an order. */
    record Fill(int quantity, double price) {
    }

    /** An order and its fills. */
    record Order(long id, Side side, List<Fill> fills) {
    }

    private RecordsThroughAQueue() {
    }

    public static void main(String[] args) throws Exception {
        try (SharedQueue<Order> q = SharedQueue.create(10)) {
            ChildProcess p = new ChildProcess(() -> {
                for (int i = 1; i <= 3; i++) {
                    q.put(new Order(i, i % 2 == 1 ? Side.BUY : Side.SELL, List.of(new Fill(100 * i, 10.5))));
                }
            });
            p.start();
            for (int i = 0; i < 3; i++) {
                System.out.println(q.take());
            }
            p.join();
        }
    }
}
