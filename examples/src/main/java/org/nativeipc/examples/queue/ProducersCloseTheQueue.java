package org.nativeipc.examples.queue;

import java.util.ArrayList;
import java.util.List;

import org.nativeipc.process.ChildProcess;
import org.nativeipc.process.CurrentProcess;
import org.nativeipc.queue.EndOfStreamException;
import org.nativeipc.queue.SharedQueue;

/**
 * The same kitchen as {@link SentinelPerConsumer}, without sentinels: each producer closes the
 * queue when it is done, and once all of them have (the queue was built for three producers,
 * so one finishing early does not end it for the others) a consumer that finds the queue empty
 * gets an {@link EndOfStreamException} instead of blocking forever, however many consumers
 * there are.
 *
 * Arguments: dishes per producer (default 2), consumers (default 2), delay scale (default 1.0).
 */
public final class ProducersCloseTheQueue {
    private ProducersCloseTheQueue() {
    }

    public static void main(String[] args) throws Exception {
        int dishes = Kitchen.intArg(args, 0, 2);
        int consumers = Kitchen.intArg(args, 1, 2);
        double scale = Kitchen.scale(args, 2);
        String[] kinds = {"bun", "bone", "slop"};
        try (SharedQueue<String> q = SharedQueue.builder().capacity(4).producers(kinds.length).build()) {
            List<ChildProcess> children = new ArrayList<>();
            for (String kind : kinds) {
                children.add(new ChildProcess(() -> {
                    for (int i = 0; i < dishes; i++) {
                        q.put(Kitchen.cook(kind, i, scale));
                    }
                    q.close(); // this producer is done
                }).start());
            }
            for (int c = 0; c < consumers; c++) {
                children.add(new ChildProcess(() -> {
                    try {
                        while (true) {
                            Kitchen.eat(q.take(), scale);
                        }
                    } catch (EndOfStreamException allProducersDone) {
                        System.out.println(CurrentProcess.pid() + " is done: every producer closed the queue");
                    }
                }).start());
            }
            System.out.println("main");
            for (ChildProcess c : children) {
                c.join();
            }
        }
    }
}
