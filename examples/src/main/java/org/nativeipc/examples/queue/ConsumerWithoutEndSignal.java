package org.nativeipc.examples.queue;

import java.time.Duration;

import org.nativeipc.process.ChildProcess;
import org.nativeipc.queue.SharedQueue;

/**
 * Seed §10, the problem: the producer makes its buns and ends, but the consumer, having
 * emptied the queue, blocks in {@code get()} forever: nothing tells it the producer is done, so
 * the program never ends. Here the main program waits for the producer, shows that the consumer
 * is still waiting, and terminates it (the seed's version simply hangs).
 *
 * <pre>{@code
 * def consumer(q):
 *     while True:
 *         res = q.get(); time.sleep(random.randint(1, 3)); print('%s ate %s' % (os.getpid(), res))
 * def producer(q):
 *     for i in range(10):
 *         time.sleep(random.randint(1, 3)); q.put('bun%s' % i); print('%s produced bun%s' % (os.getpid(), i))
 * }</pre>
 *
 * Arguments: buns (default 10), delay scale (default 1.0). The fixes follow:
 * {@link ProducerSendsSentinel}, {@link MainSendsSentinel}, {@link SentinelPerConsumer}, and
 * this library's own, {@link ProducersCloseTheQueue}.
 */
public final class ConsumerWithoutEndSignal {
    private ConsumerWithoutEndSignal() {
    }

    public static void main(String[] args) throws Exception {
        int buns = Kitchen.intArg(args, 0, 10);
        double scale = Kitchen.scale(args, 1);
        try (SharedQueue<String> q = SharedQueue.create(buns)) {
            ChildProcess producer = new ChildProcess(() -> {
                for (int i = 0; i < buns; i++) {
                    q.put(Kitchen.cook("bun", i, scale));
                }
            });
            ChildProcess consumer = new ChildProcess(() -> {
                while (true) {
                    Kitchen.eat(q.take(), scale);
                }
            });
            producer.start();
            consumer.start();
            System.out.println("main");
            producer.join();
            if (!consumer.join(Duration.ofMillis(Math.round(4000 * scale) + 2000))) {
                System.out.println("the producer is done, but the consumer still waits in take(): nobody told it to stop");
                consumer.terminate();
                consumer.join();
            }
        }
    }
}
