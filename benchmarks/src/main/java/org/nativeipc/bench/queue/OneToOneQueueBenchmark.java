package org.nativeipc.bench.queue;

import java.util.concurrent.TimeUnit;

import org.nativeipc.bench.support.ControlBlock;
import org.nativeipc.bench.support.MappedFile;
import org.nativeipc.bench.support.PeerChildren;
import org.nativeipc.queue.MessageRing;
import org.nativeipc.queue.SharedQueue;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * One process → one process through a native-ipc queue: this JVM produces (measured: messages
 * written per second; a full ring makes it wait for the consumer, so the steady rate is the
 * end-to-end rate), a child JVM consumes and checks every sequence number, and the trial fails
 * unless every message arrived once, in order. Messages per second times {@code size} gives
 * bytes per second.
 *
 * <ul>
 *   <li>{@link #rawBytes}: a raw {@link MessageRing} of about {@code ringBytes} of data, byte
 *       messages, the consumer reading in batches in place;</li>
 *   <li>{@link #objects}: a {@code SharedQueue<byte[]>} with the default codec, {@code offer} per
 *       element here and {@code poll} per element in the child, capacity chosen so that the ring
 *       holds about {@code ringBytes}.</li>
 * </ul>
 * Subclasses pick the ring: {@link SpscQueueBenchmark}, {@link MpmcQueueBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public abstract class OneToOneQueueBenchmark {
    @Param({"8", "64", "1024", "65536"})
    int size;
    @Param(QueueSides.RING_BYTES)
    int ringBytes;

    MappedFile file;
    ControlBlock control;
    PeerChildren children;
    MessageRing ring;
    SharedQueue<byte[]> queue;
    byte[] message;
    long sent;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        message = QueueSides.message(size);
        file = MappedFile.create(getClass().getSimpleName() + "-control", ControlBlock.BYTES);
        control = new ControlBlock(file.buffer()).reset();
        children = new PeerChildren(control);
        String method = params.getBenchmark();
        startSides(method.substring(method.lastIndexOf('.') + 1), file.path());
        children.awaitReady();
    }

    /** Creates {@link #ring} or {@link #queue} for benchmark {@code method} and starts the children. */
    abstract void startSides(String method, String controlPath);

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

    /** Starts the consumer child of the 1→1 benchmarks, on {@link #ring} or {@link #queue}. */
    void startConsumer(String method, String controlPath) {
        int size = this.size;
        if (method.equals("rawBytes") || method.equals("zeroCopy")) {
            MessageRing r = ring;
            boolean controlled = method.equals("zeroCopy");
            children.start("raw-consumer", () -> QueueSides.consumeRaw(controlPath, r, size, controlled));
        } else {
            SharedQueue<byte[]> q = queue;
            children.start("object-consumer", () -> QueueSides.consumeObjects(controlPath, q, size));
        }
    }

    /** Ends the trial and throws unless every message arrived exactly once, in order. */
    void check() {
        children.stopAndCheck(sent, 0);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            check();
        } finally {
            QueueSides.closeAll(ring, queue, file);
        }
    }
}
