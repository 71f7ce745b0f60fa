package org.nativeipc.bench.peers;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.nativeipc.bench.support.ControlBlock;
import org.nativeipc.bench.support.Idle;
import org.nativeipc.bench.support.MappedFile;
import org.nativeipc.bench.support.Messages;
import org.nativeipc.bench.support.PeerChildren;
import org.openjdk.jmh.annotations.*;

/**
 * Peer: Chronicle Queue appender (this JVM, measured: messages appended per second) → tailer
 * (a child JVM, checking every sequence number). The appender stays within a window of one
 * Agrona ring's bytes ahead of the tailer (see {@link ChronicleSides}), so the rate is the
 * end-to-end rate of a bounded queue; the trial fails unless every message arrived once, in
 * order.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {PeerFlags.CHRONICLE_REFLECT, PeerFlags.CHRONICLE_NIO, PeerFlags.CHRONICLE_REF,
        PeerFlags.CHRONICLE_NO_ANALYTICS, PeerFlags.CHRONICLE_QUIET})
public class ChronicleQueueBenchmark {
    @Param({"8", "64", "1024", "65536"})
    int size;

    private MappedFile controlFile;
    private ControlBlock control;
    private Path dir;
    private SingleChronicleQueue queue;
    private ExcerptAppender appender;
    private PeerChildren children;
    private byte[] payload;
    private long window;
    private long sent;
    private long tailerSeen;

    @Setup(Level.Trial)
    public void setUp() {
        Messages.requireSize(size);
        controlFile = MappedFile.create("chronicle-control", ControlBlock.BYTES);
        control = new ControlBlock(controlFile.buffer()).reset();
        dir = ChronicleSides.newQueueDir("chronicle-o2o");
        queue = ChronicleSides.open(dir.toString(), false);
        appender = queue.createAppender();
        payload = new byte[size];
        window = ChronicleSides.window(size);
        String controlPath = controlFile.path();
        String queueDir = dir.toString();
        int size = this.size;
        children = new PeerChildren(control).start("chronicle-tailer",
                () -> ChronicleSides.tail(controlPath, queueDir, size), PeerFlags.CHRONICLE_ALL);
        children.awaitReady();
    }

    @Benchmark
    public void append() {
        int attempt = 0;
        while (sent - tailerSeen >= window) {
            tailerSeen = control.get(ControlBlock.RECEIVED);
            if ((++attempt & 0xFFFF) == 0) {
                children.checkAlive();
            }
            Idle.idle(attempt);
        }
        ChronicleSides.append(appender, Messages.stamp(0, sent), payload);
        sent++;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            children.stopAndCheck(sent, 0);
        } finally {
            appender.close();
            queue.close();
            ChronicleSides.deleteTree(dir);
            controlFile.close();
        }
    }
}
