package org.nativeipc.examples.queue;

import java.util.ArrayList;
import java.util.List;

import org.nativeipc.process.ChildProcess;
import org.nativeipc.queue.JoinableSharedQueue;

/**
 * Seed §11, {@code JoinableQueue}: consumers call {@code task_done()} after each dish, each
 * producer {@code join()}s the queue after its last put and so ends only once everything it
 * (and the others) put has been eaten. The consumers loop forever, so they are daemons: they
 * end with the main program, which only waits for the producers.
 *
 * <pre>{@code
 * def consumer(q):
 *     while True:
 *         res = q.get(); ...; q.task_done()
 * def producer(name, q):
 *     for i in range(10): ...; q.put(res)
 *     q.join()
 * q = JoinableQueue()
 * c1.daemon = True; c2.daemon = True
 * for p in [p1, p2, p3, c1, c2]: p.start()
 * p1.join(); p2.join(); p3.join()
 * print('main')
 * }</pre>
 *
 * Arguments: dishes per producer (default 10), consumers (default 2), delay scale (default 1.0).
 */
public final class JoinableQueueDaemonConsumers {
    private JoinableQueueDaemonConsumers() {
    }

    public static void main(String[] args) throws Exception {
        int dishes = Kitchen.intArg(args, 0, 10);
        int consumers = Kitchen.intArg(args, 1, 2);
        double scale = Kitchen.scale(args, 2);
        String[] kinds = {"bun", "bone", "slop"};
        try (JoinableSharedQueue<String> q = JoinableSharedQueue.create(kinds.length * dishes)) {
            for (int c = 0; c < consumers; c++) {
                new ChildProcess(() -> {
                    while (true) {
                        Kitchen.eat(q.take(), scale);
                        q.taskDone(); // tell join() one more dish is finished
                    }
                }).daemon(true).start();
            }
            List<ChildProcess> producers = new ArrayList<>();
            for (String kind : kinds) {
                producers.add(new ChildProcess(() -> {
                    for (int i = 0; i < dishes; i++) {
                        q.put(Kitchen.cook(kind, i, scale));
                    }
                    q.join(); // wait until everything put has been eaten
                }).start());
            }
            for (ChildProcess p : producers) {
                p.join();
            }
            System.out.println("main");
        }
    }
}
