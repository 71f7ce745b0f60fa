package org.nativeipc.bench.queue;

import java.util.concurrent.TimeUnit;

import org.nativeipc.bench.support.ControlBlock;
import org.nativeipc.bench.support.ManyToOneCheck;
import org.nativeipc.bench.support.MappedFile;
import org.nativeipc.bench.support.Messages;
import org.nativeipc.bench.support.PeerChildren;
import org.nativeipc.queue.MessageHandler;
import org.nativeipc.queue.MpmcRing;
import org.openjdk.jmh.annotations.*;

/**
 * native-ipc's MPMC ring of raw byte messages, two producer processes → this JVM, which reads
 * one message per operation in place (measured: messages received per second): the workload of
 * the Agrona {@code ManyToOneRingBuffer} row ({@code AgronaManyToOneBenchmark}), ring for ring.
 * The object-path 2→1 row ({@link MpmcQueueBenchmark#twoToOne}, a {@code SharedQueue<byte[]>})
 * is the one compared with Python's {@code Queue}. Every message carries its producer and
 * sequence number; the trial fails unless each producer's messages all arrived once, in order.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class MpmcRawManyToOneBenchmark {
    static final int PRODUCERS = 2;

    @Param({"64"})
    int size;
    @Param(QueueSides.RING_BYTES)
    int ringBytes;

    private MappedFile file;
    private ControlBlock control;
    private PeerChildren children;
    private MpmcRing ring;
    private ManyToOneCheck checker;
    private MessageHandler check;

    @Setup(Level.Trial)
    public void setUp() {
        Messages.requireSize(size);
        file = MappedFile.create(getClass().getSimpleName() + "-control", ControlBlock.BYTES);
        control = new ControlBlock(file.buffer()).reset();
        ring = MpmcRing.create(QueueSides.mpmcCapacity(size, ringBytes), size);
        checker = new ManyToOneCheck(PRODUCERS, size);
        check = (buffer, offset, length) -> checker.check(buffer.getLong(offset), length);
        String path = file.path();
        MpmcRing r = ring;
        int size = this.size;
        children = new PeerChildren(control);
        for (int p = 0; p < PRODUCERS; p++) {
            int producer = p;
            children.start("mpmc-raw-producer-" + p, () -> QueueSides.produceRaw(path, r, size, producer));
        }
        children.awaitReady();
    }

    @Benchmark
    public void poll() {
        int attempt = 0;
        while (ring.poll(check, 1) == 0) {
            QueueSides.idleWhileFull(++attempt, children);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            checker.finish(control, children, () -> ring.poll(check, Integer.MAX_VALUE));
        } finally {
            QueueSides.closeAll(ring, file);
        }
    }
}
