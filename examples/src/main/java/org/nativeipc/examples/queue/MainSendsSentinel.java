package org.nativeipc.examples.queue;

import org.nativeipc.process.ChildProcess;
import org.nativeipc.queue.SharedQueue;

/**
 * Seed §10: the end signal need not come from the producer; the main program may send it, but
 * only after the producer has finished.
 *
 * <pre>{@code
 * p1.start(); c1.start()
 * p1.join()
 * q.put(None)
 * print('main')
 * }</pre>
 *
 * Arguments: buns (default 2), delay scale (default 1.0).
 */
public final class MainSendsSentinel {
    private MainSendsSentinel() {
    }

    public static void main(String[] args) throws Exception {
        int buns = Kitchen.intArg(args, 0, 2);
        double scale = Kitchen.scale(args, 1);
        try (SharedQueue<String> q = SharedQueue.create(buns + 1)) {
            ChildProcess producer = new ChildProcess(() -> {
                for (int i = 0; i < buns; i++) {
                    q.put(Kitchen.cook("bun", i, scale));
                }
            });
            ChildProcess consumer = new ChildProcess(() -> {
                for (String res; !(res = q.take()).equals(ProducerSendsSentinel.NONE); ) {
                    Kitchen.eat(res, scale);
                }
            });
            producer.start();
            consumer.start();
            producer.join();
            q.put(ProducerSendsSentinel.NONE);
            System.out.println("main");
            consumer.join();
        }
    }
}
