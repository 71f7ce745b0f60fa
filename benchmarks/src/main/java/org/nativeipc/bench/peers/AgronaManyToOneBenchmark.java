package org.nativeipc.bench.peers;

import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.MessageHandler;
import org.nativeipc.bench.support.ControlBlock;
import org.nativeipc.bench.support.Idle;
import org.nativeipc.bench.support.ManyToOneCheck;
import org.nativeipc.bench.support.MappedFile;
import org.nativeipc.bench.support.Messages;
import org.nativeipc.bench.support.PeerChildren;
import org.openjdk.jmh.annotations.*;

/**
 * Peer: Agrona {@code ManyToOneRingBuffer}, two producer JVMs → this JVM (measured: messages
 * received per second). Every message carries its producer and sequence number; the trial
 * fails unless each producer's messages all arrived once, in order.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = PeerFlags.AGRONA)
public class AgronaManyToOneBenchmark {
    static final int PRODUCERS = 2;

    @Param({"64"})
    int size;
    @Param(AgronaRings.RING_BYTES)
    int ringBytes;

    private MappedFile file;
    private ControlBlock control;
    private PeerChildren children;
    private ManyToOneRingBuffer ring;
    private ManyToOneCheck checker;
    private MessageHandler check;

    @Setup(Level.Trial)
    public void setUp() {
        Messages.requireSize(size);
        file = MappedFile.create("agrona-m2o", AgronaRings.fileBytes(ringBytes, 1));
        control = AgronaRings.control(file).reset();
        ring = new ManyToOneRingBuffer(AgronaRings.ringBuffer(file, ringBytes, 0));
        checker = new ManyToOneCheck(PRODUCERS, size);
        check = (type, buffer, index, length) -> checker.check(buffer.getLong(index), length);
        String path = file.path();
        int ringBytes = this.ringBytes;
        int size = this.size;
        children = new PeerChildren(control);
        for (int p = 0; p < PRODUCERS; p++) {
            int producer = p;
            children.start("agrona-producer-" + p, () -> AgronaRings.produce(path, ringBytes, size, producer),
                    PeerFlags.AGRONA);
        }
        children.awaitReady();
    }

    @Benchmark
    public void poll() {
        int attempt = 0;
        while (ring.read(check, 1) == 0) {
            if ((++attempt & 0xFFFF) == 0) {
                children.checkAlive();
            }
            Idle.idle(attempt);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            checker.finish(control, children, () -> ring.read(check, Integer.MAX_VALUE));
        } finally {
            file.close();
        }
    }
}
