package org.nativeipc.bench.objects;

import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import org.nativeipc.bench.support.ControlBlock;
import org.nativeipc.bench.support.MappedFile;
import org.nativeipc.bench.support.Messages;
import org.nativeipc.bench.support.PeerChildren;
import org.nativeipc.queue.SharedQueue;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The values applications send, through a queue as a new user builds it:
 * {@code SharedQueue.create(1024)} with the default codec, blocking {@code put} and
 * {@code take}. The payloads ({@link Payloads}): a {@link Tick} record, a 64-character string,
 * a {@code Map<String, Long>} of 8 entries, each built per message (as an application would, and
 * as the Python side builds its tuple, str and dict).
 *
 * <ul>
 *   <li>{@link #oneToOne}: this JVM puts (measured: values put per second; a full queue makes
 *       it wait for the consumer), a child JVM takes and checks every sequence number; at the
 *       end this JVM closes the queue and the child's {@code take} ends with
 *       EndOfStreamException once it has taken everything.</li>
 *   <li>{@link #twoToTwo}: two producer JVMs put; the benchmark's two threads take (measured:
 *       values taken per second, both threads together). Each consumer checks that every
 *       producer's values reach it in increasing order; at the end the counts and sums of
 *       sequence numbers per producer must match what the producers sent.</li>
 * </ul>
 * The trial fails unless every value arrived exactly once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class ObjectQueueBenchmark {
    static final int PRODUCERS = 2;

    @Param({"tick", "string64", "map8"})
    String payload;
    @Param("1024")
    int capacity;

    private MappedFile file;
    private ControlBlock control;
    private PeerChildren children;
    private SharedQueue<Object> queue;
    private boolean twoToTwo;
    private long sent;
    private final Queue<Consumer> consumers = new ConcurrentLinkedQueue<>();

    /** One consumer thread's view of what it took from each producer. */
    @State(Scope.Thread)
    public static class Consumer {
        final long[] last = new long[PRODUCERS];
        final long[] count = new long[PRODUCERS];
        final long[] sum = new long[PRODUCERS];
        long errors;

        @Setup(Level.Trial)
        public void register(ObjectQueueBenchmark benchmark) {
            Arrays.fill(last, -1);
            benchmark.consumers.add(this);
        }

        void check(Object value) {
            long stamp = Payloads.sequenceOf(value);
            int producer = Messages.producer(stamp);
            long sequence = Messages.sequence(stamp);
            if (producer >= PRODUCERS || sequence <= last[producer]) {
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
        twoToTwo = params.getBenchmark().endsWith("twoToTwo");
        file = MappedFile.create("objects-control", ControlBlock.BYTES);
        control = new ControlBlock(file.buffer()).reset();
        children = new PeerChildren(control);
        queue = SharedQueue.create(capacity);
        SharedQueue<Object> q = queue;
        String controlPath = file.path();
        String name = payload;
        if (twoToTwo) {
            for (int p = 0; p < PRODUCERS; p++) {
                int producer = p;
                children.start("object-producer-" + p, () -> ObjectSides.produce(controlPath, q, name, producer));
            }
        } else {
            children.start("object-consumer", () -> ObjectSides.consume(controlPath, q));
        }
        children.awaitReady();
    }

    @Benchmark
    @Threads(1)
    public void oneToOne() throws InterruptedException {
        queue.put(Payloads.of(payload, sent));
        sent++;
    }

    @Benchmark
    @Threads(2)
    public void twoToTwo(Consumer consumer) throws InterruptedException {
        consumer.check(queue.take());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            if (twoToTwo) {
                stopProducersAndCheck();
            } else {
                control.set(ControlBlock.STOP_AT, sent);
                queue.close();
                children.stopAndCheck(sent, 0);
            }
        } finally {
            queue.close();
            file.close();
        }
    }

    /** Stops the producers (draining, so that none stays blocked in put), then checks every value arrived once. */
    private void stopProducersAndCheck() {
        control.set(ControlBlock.STOP_AT, 0);
        if (consumers.isEmpty()) {
            Consumer none = new Consumer();
            Arrays.fill(none.last, -1);
            consumers.add(none);
        }
        Consumer drain = consumers.peek();
        long deadline = System.nanoTime() + PeerChildren.FINISH_TIMEOUT.toNanos();
        while (control.get(ControlBlock.DONE) < PRODUCERS) {
            Object v = queue.poll();
            if (v != null) {
                drain.check(v);
            } else if (System.nanoTime() > deadline) {
                throw new IllegalStateException("producers did not stop within " + PeerChildren.FINISH_TIMEOUT + ": " + control);
            } else {
                children.checkAlive();
                Thread.onSpinWait();
            }
        }
        for (Object v; (v = queue.poll()) != null; ) {
            drain.check(v);
        }
        children.joinAll();
        StringBuilder problems = new StringBuilder();
        for (int p = 0; p < PRODUCERS; p++) {
            long sentByP = control.get(ControlBlock.slot(p));
            int producer = p;
            long count = consumers.stream().mapToLong(c -> c.count[producer]).sum();
            long sum = consumers.stream().mapToLong(c -> c.sum[producer]).sum();
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
