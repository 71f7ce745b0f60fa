package org.nativeipc.bench.peers;

import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.nativeipc.bench.support.ControlBlock;
import org.nativeipc.bench.support.Idle;
import org.nativeipc.bench.support.MappedFile;
import org.nativeipc.bench.support.Messages;
import org.nativeipc.bench.support.PeerChildren;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Peer: Agrona {@code OneToOneRingBuffer} between two JVMs over a mapped file. This JVM
 * produces (measured: messages written per second; a full ring makes it wait for the
 * consumer, so the steady rate is the end-to-end rate); a child JVM consumes and checks every
 * sequence number; the trial fails unless every message arrived once, in order.
 * {@link #offer} copies each message in with {@code write}, the child reads with {@code read};
 * {@link #tryClaim} claims the record, writes the stamp in place and commits, the child reads
 * with {@code controlledRead} (the peer of native-ipc's zero-copy row).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = PeerFlags.AGRONA)
public class AgronaOneToOneBenchmark {
    @Param({"8", "64", "1024", "65536"})
    int size;
    @Param(AgronaRings.RING_BYTES)
    int ringBytes;

    private MappedFile file;
    private ControlBlock control;
    private PeerChildren children;
    private OneToOneRingBuffer ring;
    private UnsafeBuffer message;
    private long sent;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        Messages.requireSize(size);
        file = MappedFile.create("agrona-o2o", AgronaRings.fileBytes(ringBytes, 1));
        control = AgronaRings.control(file).reset();
        ring = new OneToOneRingBuffer(AgronaRings.ringBuffer(file, ringBytes, 0));
        message = new UnsafeBuffer(new byte[size]);
        AgronaRings.fill(message, size);
        String path = file.path();
        int ringBytes = this.ringBytes;
        int size = this.size;
        boolean controlled = params.getBenchmark().endsWith(".tryClaim");
        children = new PeerChildren(control).start("agrona-consumer",
                () -> AgronaRings.consume(path, ringBytes, size, controlled), PeerFlags.AGRONA);
        children.awaitReady();
    }

    @Benchmark
    public void offer() {
        message.putLong(0, Messages.stamp(0, sent));
        int attempt = 0;
        while (!ring.write(AgronaRings.MSG_TYPE, message, 0, size)) {
            if ((++attempt & 0xFFFF) == 0) {
                children.checkAlive();
            }
            Idle.idle(attempt);
        }
        sent++;
    }

    /** Claims {@code size} bytes, writes the stamp in place (the rest is left as it is), commits. */
    @Benchmark
    public void tryClaim() {
        int attempt = 0;
        int index;
        while ((index = ring.tryClaim(AgronaRings.MSG_TYPE, size)) == RingBuffer.INSUFFICIENT_CAPACITY) {
            if ((++attempt & 0xFFFF) == 0) {
                children.checkAlive();
            }
            Idle.idle(attempt);
        }
        ring.buffer().putLong(index, Messages.stamp(0, sent));
        ring.commit(index);
        sent++;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            children.stopAndCheck(sent, 0);
        } finally {
            file.close();
        }
    }
}
