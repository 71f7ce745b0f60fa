package org.nativeipc.bench.queue;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.nativeipc.bench.support.ControlBlock;
import org.nativeipc.bench.support.Messages;
import org.nativeipc.bench.support.PeerChildren;
import org.nativeipc.queue.MpmcRing;
import org.nativeipc.queue.SharedQueue;
import org.openjdk.jmh.annotations.*;

/**
 * native-ipc's multi-producer/multi-consumer queue between JVMs.
 *
 * <ul>
 *   <li>{@link #rawBytes}, {@link #objects}: one process → one process (see
 *       {@link OneToOneQueueBenchmark}) over an {@link MpmcRing} of byte messages or a
 *       {@code SharedQueue<byte[]>} with the default codec, slots taking about {@code ringBytes};</li>
 *   <li>{@link #twoToTwo}: two producer processes → two consumers, the benchmark's two threads
 *       (measured: elements taken per second, both threads together; the queue protocol is the
 *       same for threads as for processes); {@link #twoToOne}: the same with one consumer.
 *       {@code SharedQueue<byte[]>}, default codec, as Python's {@code Queue} rows. Each consumer
 *       checks that every producer's elements reach it in increasing order; at the end the counts
 *       and the sums of sequence numbers per producer must match what the producers sent (every
 *       element exactly once).</li>
 * </ul>
 */
public class MpmcQueueBenchmark extends OneToOneQueueBenchmark {
    static final int PRODUCERS = 2;

    private boolean manyToMany;
    private final Queue<Consumer> consumers = new ConcurrentLinkedQueue<>();

    /** One consumer thread's view: what it took from each producer. */
    @State(Scope.Thread)
    public static class Consumer {
        final long[] last = new long[PRODUCERS];
        final long[] count = new long[PRODUCERS];
        final long[] sum = new long[PRODUCERS];
        long errors;

        @Setup(Level.Trial)
        public void register(MpmcQueueBenchmark benchmark) {
            java.util.Arrays.fill(last, -1);
            benchmark.consumers.add(this);
        }

        void check(byte[] m, int size) {
            long stamp = QueueSides.stampOf(m);
            int producer = Messages.producer(stamp);
            long sequence = Messages.sequence(stamp);
            if (m.length != size || producer >= PRODUCERS || sequence <= last[producer]) {
                errors++;
                return;
            }
            last[producer] = sequence;
            count[producer]++;
            sum[producer] += sequence;
        }
    }

    @Override
    void startSides(String method, String controlPath) {
        manyToMany = method.equals("twoToTwo") || method.equals("twoToOne");
        if (method.equals("rawBytes")) {
            ring = MpmcRing.create(QueueSides.mpmcCapacity(size, ringBytes), size);
        } else {
            queue = QueueSides.objectQueue(size, ringBytes, manyToMany ? PRODUCERS : 1);
        }
        if (!manyToMany) {
            startConsumer(method, controlPath);
            return;
        }
        SharedQueue<byte[]> q = queue;
        int size = this.size;
        for (int p = 0; p < PRODUCERS; p++) {
            int producer = p;
            children.start("mpmc-producer-" + p, () -> QueueSides.produceObjects(controlPath, q, size, producer));
        }
    }

    @Benchmark
    @Threads(2)
    public void twoToTwo(Consumer consumer) {
        take(consumer);
    }

    @Benchmark
    @Threads(1)
    public void twoToOne(Consumer consumer) {
        take(consumer);
    }

    private void take(Consumer consumer) {
        int attempt = 0;
        byte[] m;
        while ((m = queue.poll()) == null) {
            QueueSides.idleWhileFull(++attempt, children);
        }
        consumer.check(m, size);
    }

    @Override
    void check() {
        if (manyToMany) {
            stopProducersAndCheck();
        } else {
            super.check();
        }
    }

    private void stopProducersAndCheck() {
        control.set(ControlBlock.STOP_AT, 0);
        children.awaitCount(() -> control.get(ControlBlock.DONE), PRODUCERS, PeerChildren.FINISH_TIMEOUT,
                "to stop producing (DONE)");
        Consumer drain = consumers.isEmpty() ? new Consumer() : consumers.peek();
        for (byte[] m; (m = queue.poll()) != null; ) {
            drain.check(m, size);
        }
        children.joinAll();
        StringBuilder problems = new StringBuilder();
        for (int p = 0; p < PRODUCERS; p++) {
            long sentByP = control.get(ControlBlock.slot(p));
            long count = 0;
            long sum = 0;
            for (Consumer c : consumers) {
                count += c.count[p];
                sum += c.sum[p];
            }
            if (count != sentByP || sum != sentByP * (sentByP - 1) / 2) {
                problems.append(" producer ").append(p).append(" sent ").append(sentByP).append(", consumers took ")
                        .append(count).append(" (sequence sum ").append(sum).append(");");
            }
        }
        long errors = consumers.stream().mapToLong(c -> c.errors).sum();
        if (errors != 0 || problems.length() > 0) {
            throw new IllegalStateException("correctness check failed:" + problems + " out of order or malformed " + errors);
        }
    }
}
