package org.nativeipc.bench.peers;

import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.MessageHandler;
import org.nativeipc.bench.support.ControlBlock;
import org.nativeipc.bench.support.Idle;
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
    private final long[] next = new long[PRODUCERS];
    private long received;
    private long errors;
    private MessageHandler check;

    @Setup(Level.Trial)
    public void setUp() {
        Messages.requireSize(size);
        file = MappedFile.create("agrona-m2o", AgronaRings.fileBytes(ringBytes, 1));
        control = AgronaRings.control(file).reset();
        ring = new ManyToOneRingBuffer(AgronaRings.ringBuffer(file, ringBytes, 0));
        check = (type, buffer, index, length) -> {
            long stamp = buffer.getLong(index);
            int producer = Messages.producer(stamp);
            if (length != size || producer >= PRODUCERS || Messages.sequence(stamp) != next[producer]) {
                errors++;
            } else {
                next[producer]++;
            }
            received++;
        };
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
            control.set(ControlBlock.STOP_AT, 0);
            children.awaitCount(() -> control.get(ControlBlock.DONE), PRODUCERS, PeerChildren.FINISH_TIMEOUT,
                    "to stop producing (DONE)");
            while (ring.read(check, Integer.MAX_VALUE) > 0) {
                // drain what the producers wrote before they stopped
            }
            children.joinAll();
            long sent = 0;
            for (int p = 0; p < PRODUCERS; p++) {
                long sentByP = control.get(ControlBlock.slot(p));
                sent += sentByP;
                if (next[p] != sentByP) {
                    errors++;
                }
            }
            if (received != sent || errors != 0) {
                throw new IllegalStateException("correctness check failed: sent " + sent + ", received " + received
                        + ", lost, repeated or out of order " + errors);
            }
        } finally {
            file.close();
        }
    }
}
