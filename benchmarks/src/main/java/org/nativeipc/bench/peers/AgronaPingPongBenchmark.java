package org.nativeipc.bench.peers;

import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.nativeipc.bench.support.ControlBlock;
import org.nativeipc.bench.support.MappedFile;
import org.nativeipc.bench.support.Messages;
import org.nativeipc.bench.support.PeerChildren;
import org.openjdk.jmh.annotations.*;

/**
 * Peer: round trip over two Agrona {@code OneToOneRingBuffer}s between two JVMs, both sides
 * spinning. One operation = send a message, wait for its echo (whose stamp is checked); JMH
 * samples every round trip, giving p50/p99/p99.9.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = PeerFlags.AGRONA)
public class AgronaPingPongBenchmark {
    @Param({"8", "64"})
    int size;
    @Param(AgronaRings.RING_BYTES)
    int ringBytes;

    private MappedFile file;
    private ControlBlock control;
    private PeerChildren children;
    private OneToOneRingBuffer ping;
    private OneToOneRingBuffer pong;
    private UnsafeBuffer message;
    private MessageHandler check;
    private long sent;
    private long errors;

    @Setup(Level.Trial)
    public void setUp() {
        Messages.requireSize(size);
        file = MappedFile.create("agrona-pingpong", AgronaRings.fileBytes(ringBytes, 2));
        control = AgronaRings.control(file).reset();
        ping = new OneToOneRingBuffer(AgronaRings.ringBuffer(file, ringBytes, 0));
        pong = new OneToOneRingBuffer(AgronaRings.ringBuffer(file, ringBytes, 1));
        message = new UnsafeBuffer(new byte[size]);
        AgronaRings.fill(message, size);
        check = (type, buffer, index, length) -> {
            if (length != size || buffer.getLong(index) != Messages.stamp(0, sent)) {
                errors++;
            }
        };
        String path = file.path();
        int ringBytes = this.ringBytes;
        children = new PeerChildren(control).start("agrona-echo", () -> AgronaRings.echo(path, ringBytes),
                PeerFlags.AGRONA);
        children.awaitReady();
    }

    @Benchmark
    public void roundTrip() {
        message.putLong(0, Messages.stamp(0, sent));
        while (!ping.write(AgronaRings.MSG_TYPE, message, 0, size)) {
            Thread.onSpinWait();
        }
        int attempt = 0;
        while (pong.read(check, 1) == 0) {
            if ((++attempt & 0xFFFFF) == 0) {
                children.checkAlive();
            }
            Thread.onSpinWait();
        }
        sent++;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            children.stopAndCheck(sent, errors);
        } finally {
            file.close();
        }
    }
}
