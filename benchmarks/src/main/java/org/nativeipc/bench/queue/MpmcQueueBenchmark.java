package org.nativeipc.bench.queue;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import org.nativeipc.bench.support.ControlBlock;
import org.nativeipc.bench.support.MappedFile;
import org.nativeipc.bench.support.Messages;
import org.nativeipc.bench.support.PeerChildren;
import org.nativeipc.queue.MpmcRing;
import org.nativeipc.queue.SharedQueue;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * native-ipc's multi-producer/multi-consumer queue between JVMs.
 *
 * <ul>
 *   <li>{@link #rawBytes}, {@link #objects}: one process → one process, as
 *       {@link SpscQueueBenchmark} (this JVM produces; a child consumes and checks every
 *       sequence number), over an {@link MpmcRing} of byte messages or a
 *       {@code SharedQueue<byte[]>} with the default codec, slots taking about {@code ringBytes};</li>
 *   <li>{@link #twoToTwo}: two producer processes → two consumers, the benchmark's two threads
 *       (measured: elements taken per second, both threads together); {@link #twoToOne}: the same
 *       with one consumer. {@code SharedQueue<byte[]>}, default codec, as Python's {@code Queue}
 *       rows. Each consumer checks that every producer's elements reach it in increasing order;
 *       at the end the counts and the sums of sequence numbers per producer must match what the
 *       producers sent (every element exactly once).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class MpmcQueueBenchmark {
    static final int PRODUCERS = 2;

    @Param({"8", "64", "1024", "65536"})
    int size;
    @Param(QueueSides.RING_BYTES)
    int ringBytes;

    private MappedFile file;
    private ControlBlock control;
    private PeerChildren children;
    private MpmcRing ring;
    private SharedQueue<byte[]> queue;
    private byte[] message;
    private long sent;
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

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        String method = params.getBenchmark();
        manyToMany = method.endsWith("twoToTwo") || method.endsWith("twoToOne");
        message = QueueSides.message(size);
        file = MappedFile.create("mpmc-control", ControlBlock.BYTES);
        control = new ControlBlock(file.buffer()).reset();
        String path = file.path();
        int size = this.size;
        children = new PeerChildren(control);
        if (method.endsWith("rawBytes")) {
            MpmcRing r = MpmcRing.create(QueueSides.mpmcCapacity(size, ringBytes), size);
            ring = r;
            children.start("mpmc-raw-consumer", () -> QueueSides.consumeRaw(path, r, size));
        } else {
            SharedQueue<byte[]> q = QueueSides.objectQueue(false, size, ringBytes, manyToMany ? PRODUCERS : 1);
            queue = q;
            if (manyToMany) {
                for (int p = 0; p < PRODUCERS; p++) {
                    int producer = p;
                    children.start("mpmc-producer-" + p, () -> QueueSides.produceObjects(path, q, size, producer));
                }
            } else {
                children.start("mpmc-object-consumer", () -> QueueSides.consumeObjects(path, q, size));
            }
        }
        children.awaitReady();
    }

    @Benchmark
    public void rawBytes() {
        QueueSides.stamp(message, 0, sent);
        QueueSides.offer(ring, message, size, children);
        sent++;
    }

    @Benchmark
    public void objects() {
        QueueSides.stamp(message, 0, sent);
        QueueSides.offer(queue, message, children);
        sent++;
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

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            if (manyToMany) {
                stopProducersAndCheck();
            } else {
                children.stopAndCheck(sent, 0);
            }
        } finally {
            QueueSides.closeAll(ring, queue, file);
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
