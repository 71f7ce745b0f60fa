package org.nativeipc.examples.queue;

import java.util.ArrayList;
import java.util.List;

import org.nativeipc.process.ChildProcess;
import org.nativeipc.queue.SharedQueue;

/**
 * Seed §10, several producers and consumers: the main program waits for every producer, then
 * sends one end signal per consumer ("a clumsy way", the seed says; see
 * {@link ProducersCloseTheQueue} for this library's better one).
 *
 * <pre>{@code
 * p1 = Process(target=producer, args=('bun', q)); p2 = ... ('bone', q); p3 = ... ('slop', q)
 * c1 = Process(target=consumer, args=(q,)); c2 = Process(target=consumer, args=(q,))
 * p1.start(); p2.start(); p3.start(); c1.start(); c2.start()
 * p1.join(); p2.join(); p3.join()
 * q.put(None); q.put(None)      # one per consumer
 * print('main')
 * }</pre>
 *
 * Arguments: dishes per producer (default 2), consumers (default 2), delay scale (default 1.0).
 */
public final class SentinelPerConsumer {
    private SentinelPerConsumer() {
    }

    public static void main(String[] args) throws Exception {
        int dishes = Kitchen.intArg(args, 0, 2);
        int consumers = Kitchen.intArg(args, 1, 2);
        double scale = Kitchen.scale(args, 2);
        String[] kinds = {"bun", "bone", "slop"};
        try (SharedQueue<String> q = SharedQueue.create(kinds.length * dishes + consumers)) {
            List<ChildProcess> producers = new ArrayList<>();
            for (String kind : kinds) {
                producers.add(new ChildProcess(() -> {
                    for (int i = 0; i < dishes; i++) {
                        q.put(Kitchen.cook(kind, i, scale));
                    }
                }).start());
            }
            List<ChildProcess> eaters = new ArrayList<>();
            for (int c = 0; c < consumers; c++) {
                eaters.add(new ChildProcess(() -> {
                    for (String res; !(res = q.take()).equals(ProducerSendsSentinel.NONE); ) {
                        Kitchen.eat(res, scale);
                    }
                }).start());
            }
            for (ChildProcess p : producers) {
                p.join(); // every producer must be done before the end signals go in
            }
            for (int c = 0; c < consumers; c++) {
                q.put(ProducerSendsSentinel.NONE);
            }
            System.out.println("main");
            for (ChildProcess c : eaters) {
                c.join();
            }
        }
    }
}
