package org.nativeipc.bench.peers;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.nativeipc.bench.support.ControlBlock;
import org.nativeipc.bench.support.MappedFile;
import org.nativeipc.bench.support.Messages;
import org.nativeipc.bench.support.PeerChildren;
import org.openjdk.jmh.annotations.*;

/**
 * Peer: round trip over two Chronicle queues (ping, pong) between two JVMs, both sides
 * spinning. One operation = append a message, spin until its echo is tailed (stamp checked);
 * JMH samples every round trip.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {PeerFlags.CHRONICLE_REFLECT, PeerFlags.CHRONICLE_NIO, PeerFlags.CHRONICLE_REF,
        PeerFlags.CHRONICLE_NO_ANALYTICS, PeerFlags.CHRONICLE_QUIET})
public class ChroniclePingPongBenchmark {
    @Param({"8", "64"})
    int size;

    private MappedFile controlFile;
    private ControlBlock control;
    private Path pingDir;
    private Path pongDir;
    private SingleChronicleQueue ping;
    private SingleChronicleQueue pong;
    private ExcerptAppender appender;
    private ExcerptTailer tailer;
    private PeerChildren children;
    private byte[] payload;
    private byte[] echo;
    private long sent;
    private long errors;

    @Setup(Level.Trial)
    public void setUp() {
        Messages.requireSize(size);
        controlFile = MappedFile.create("chronicle-control", ControlBlock.BYTES);
        control = new ControlBlock(controlFile.buffer()).reset();
        pingDir = ChronicleSides.newQueueDir("chronicle-ping");
        pongDir = ChronicleSides.newQueueDir("chronicle-pong");
        ping = ChronicleSides.open(pingDir.toString(), false);
        pong = ChronicleSides.open(pongDir.toString(), true);
        appender = ping.createAppender();
        tailer = pong.createTailer();
        payload = new byte[size];
        echo = new byte[size];
        String controlPath = controlFile.path();
        String pingPath = pingDir.toString();
        String pongPath = pongDir.toString();
        int size = this.size;
        children = new PeerChildren(control).start("chronicle-echo",
                () -> ChronicleSides.echo(controlPath, pingPath, pongPath, size), PeerFlags.CHRONICLE_ALL);
        children.awaitReady();
    }

    @Benchmark
    public void roundTrip() {
        ChronicleSides.append(appender, Messages.stamp(0, sent), payload);
        long stamp;
        int attempt = 0;
        while ((stamp = ChronicleSides.read(tailer, size, echo)) == -1) {
            if ((++attempt & 0xFFFFF) == 0) {
                children.checkAlive();
            }
            Thread.onSpinWait();
        }
        if (stamp != Messages.stamp(0, sent)) {
            errors++;
        }
        sent++;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            children.stopAndCheck(sent, errors);
        } finally {
            tailer.close();
            appender.close();
            ping.close();
            pong.close();
            ChronicleSides.deleteTree(pingDir);
            ChronicleSides.deleteTree(pongDir);
            controlFile.close();
        }
    }
}
