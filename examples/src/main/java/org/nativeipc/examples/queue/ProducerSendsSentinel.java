package org.nativeipc.examples.queue;

import org.nativeipc.process.ChildProcess;
import org.nativeipc.queue.SharedQueue;

/**
 * Seed §10, the first fix: the producer puts an end signal after its last bun, and the
 * consumer stops when it takes it. A {@code BlockingQueue} holds no nulls, so the signal is a
 * sentinel value of our choosing instead of Python's {@code None}.
 *
 * <pre>{@code
 * def consumer(q):
 *     while True:
 *         res = q.get()
 *         if res is None: break
 *         ...
 * def producer(q):
 *     for i in range(10): ...; q.put(res)
 *     q.put(None)
 * }</pre>
 *
 * Arguments: buns (default 10), delay scale (default 1.0).
 */
public final class ProducerSendsSentinel {
    /** Python's None: a value no producer puts otherwise. */
    static final String NONE = "<none>";

    private ProducerSendsSentinel() {
    }

    public static void main(String[] args) throws Exception {
        int buns = Kitchen.intArg(args, 0, 10);
        double scale = Kitchen.scale(args, 1);
        try (SharedQueue<String> q = SharedQueue.create(buns + 1)) {
            ChildProcess producer = new ChildProcess(() -> {
                for (int i = 0; i < buns; i++) {
                    q.put(Kitchen.cook("bun", i, scale));
                }
                q.put(NONE);
            });
            ChildProcess consumer = new ChildProcess(() -> {
                while (true) {
                    String res = q.take();
                    if (res.equals(NONE)) {
                        break;
                    }
                    Kitchen.eat(res, scale);
                }
            });
            producer.start();
            consumer.start();
            System.out.println("main");
            producer.join();
            consumer.join();
        }
    }
}
