package org.nativeipc.bench.queue;

import java.util.concurrent.TimeUnit;

import org.nativeipc.bench.support.ControlBlock;
import org.nativeipc.bench.support.MappedFile;
import org.nativeipc.bench.support.PeerChildren;
import org.nativeipc.queue.SharedQueue;
import org.nativeipc.queue.SpscRing;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * native-ipc's single-producer/single-consumer queue between two JVMs, one process → one
 * process. This JVM produces (measured: messages written per second; a full ring makes it wait
 * for the consumer, so the steady rate is the end-to-end rate); a child JVM consumes and checks
 * every sequence number; the trial fails unless every message arrived once, in order.
 *
 * <ul>
 *   <li>{@link #rawBytes}: {@link SpscRing} with {@code ringBytes} of data, byte messages,
 *       the consumer reading in batches in place (as Agrona's {@code OneToOneRingBuffer} row);</li>
 *   <li>{@link #objects}: {@code SharedQueue<byte[]>} with the default codec, the producer's
 *       {@code offer} and the consumer's {@code poll} per element; capacity chosen so the ring
 *       holds about {@code ringBytes} of data.</li>
 * </ul>
 * Messages per second times {@code size} gives bytes per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class SpscQueueBenchmark {
    @Param({"8", "64", "1024", "65536"})
    int size;
    @Param(QueueSides.RING_BYTES)
    int ringBytes;

    private MappedFile file;
    private PeerChildren children;
    private SpscRing ring;
    private SharedQueue<byte[]> queue;
    private byte[] message;
    private long sent;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        boolean raw = params.getBenchmark().endsWith("rawBytes");
        message = QueueSides.message(size);
        file = MappedFile.create("spsc-control", ControlBlock.BYTES);
        ControlBlock control = new ControlBlock(file.buffer()).reset();
        String path = file.path();
        int size = this.size;
        children = new PeerChildren(control);
        if (raw) {
            SpscRing r = SpscRing.create(ringBytes);
            ring = r;
            children.start("spsc-raw-consumer", () -> QueueSides.consumeRaw(path, r, size));
        } else {
            SharedQueue<byte[]> q = QueueSides.objectQueue(true, size, ringBytes, 1);
            queue = q;
            children.start("spsc-object-consumer", () -> QueueSides.consumeObjects(path, q, size));
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

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            children.stopAndCheck(sent, 0);
        } finally {
            QueueSides.closeAll(ring, queue, file);
        }
    }
}
