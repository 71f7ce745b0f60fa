package org.nativeipc.bench.peers;

import static org.nativeipc.bench.support.ControlBlock.*;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.nativeipc.bench.support.ControlBlock;
import org.nativeipc.bench.support.Idle;
import org.nativeipc.bench.support.MappedFile;
import org.nativeipc.bench.support.Messages;

/**
 * Chronicle Queue as a peer: queues in {@code /dev/shm}, each message one document holding the
 * 8-byte stamp and the payload; and the child sides (tailer, echo).
 *
 * <p>Chronicle Queue is an unbounded journal: an appender never waits for a tailer, and every
 * message lands on fresh pages. To compare it with bounded rings, the appender of the
 * throughput benchmark stays at most {@link #window(int)} messages (one Agrona ring's worth of
 * bytes) ahead of the tailer's published progress. Cycle files roll every second
 * ({@code TEST_SECONDLY}) and the tailer deletes each file it has finished with, so a long run
 * of 64 KiB messages does not fill {@code /dev/shm}.
 */
public final class ChronicleSides {
    /** The tailer publishes its progress at most every this many messages. */
    private static final int MAX_PROGRESS_EVERY = 256;
    /** Progress is published this many times per window, so the appender rarely waits for it. */
    private static final int PROGRESS_PER_WINDOW = 4;

    private ChronicleSides() {
    }

    /** Messages an appender may be ahead of the tailer: one ring's worth of bytes, at least 4. */
    static long window(int size) {
        return Math.max(4, Integer.parseInt(AgronaRings.RING_BYTES) / (size + 8));
    }

    /** How often (in messages) the tailer publishes its progress: often enough for the window. */
    static long progressEvery(int size) {
        return Math.max(1, Math.min(MAX_PROGRESS_EVERY, window(size) / PROGRESS_PER_WINDOW));
    }

    static SingleChronicleQueue open(String dir, boolean deleteReleasedFiles) {
        SingleChronicleQueueBuilder builder = SingleChronicleQueueBuilder.binary(dir).rollCycle(TestRollCycles.TEST_SECONDLY);
        if (deleteReleasedFiles) {
            builder.storeFileListener((cycle, file) -> file.delete());
        }
        return builder.build();
    }

    static Path newQueueDir(String name) {
        try {
            return Files.createTempDirectory(Path.of("/dev/shm"), MappedFile.PREFIX + ProcessHandle.current().pid() + "-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a Chronicle queue folder in /dev/shm", e);
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete Chronicle queue folder " + dir, e);
        }
    }

    /** Appends one document: the stamp, then the payload bytes after it. */
    static void append(ExcerptAppender appender, long stamp, byte[] payload) {
        try (DocumentContext dc = appender.writingDocument()) {
            Bytes<?> bytes = dc.wire().bytes();
            bytes.writeLong(stamp);
            bytes.write(payload, Messages.MIN_BYTES, payload.length - Messages.MIN_BYTES);
        }
    }

    /**
     * Reads one document if there is one: returns its stamp, or -1 if none is there yet, or -2
     * if it does not have {@code size} bytes.
     */
    static long read(ExcerptTailer tailer, int size, byte[] into) {
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return -1;
            }
            Bytes<?> bytes = dc.wire().bytes();
            if (bytes.readRemaining() != size) {
                return -2;
            }
            long stamp = bytes.readLong();
            bytes.read(into, Messages.MIN_BYTES, size - Messages.MIN_BYTES);
            return stamp;
        }
    }

    /**
     * Child side of appender→tailer: tails the queue, checks every stamp, publishes progress in
     * RECEIVED every {@link #progressEvery} messages, and at the end RECEIVED and ERRORS.
     */
    static void tail(String controlPath, String dir, int size) {
        MappedFile file = MappedFile.open(controlPath);
        ControlBlock control = new ControlBlock(file.buffer());
        byte[] into = new byte[size];
        long progressEvery = progressEvery(size);
        long received = 0;
        long errors = 0;
        try (SingleChronicleQueue queue = open(dir, true); ExcerptTailer tailer = queue.createTailer()) {
            control.increment(READY);
            int idle = 0;
            while (true) {
                long stamp = read(tailer, size, into);
                if (stamp == -1) {
                    long stopAt = control.get(STOP_AT);
                    if (stopAt >= 0 && received >= stopAt) {
                        break;
                    }
                    Idle.idle(++idle);
                    continue;
                }
                idle = 0;
                if (stamp != Messages.stamp(0, received)) {
                    errors++;
                }
                if (++received % progressEvery == 0) {
                    control.set(RECEIVED, received);
                }
            }
        }
        control.set(ERRORS, errors);
        control.set(RECEIVED, received);
        control.increment(DONE);
    }

    /** Child side of ping-pong: spins on the ping queue, appending each message to the pong queue. */
    static void echo(String controlPath, String pingDir, String pongDir, int size) {
        MappedFile file = MappedFile.open(controlPath);
        ControlBlock control = new ControlBlock(file.buffer());
        byte[] payload = new byte[size];
        long echoed = 0;
        try (SingleChronicleQueue ping = open(pingDir, true); SingleChronicleQueue pong = open(pongDir, false);
             ExcerptTailer tailer = ping.createTailer(); ExcerptAppender appender = pong.createAppender()) {
            control.increment(READY);
            while (!control.stopRequested()) {
                long stamp = read(tailer, size, payload);
                if (stamp == -1) {
                    Thread.onSpinWait();
                    continue;
                }
                append(appender, stamp, payload);
                echoed++;
            }
        }
        control.set(RECEIVED, echoed);
        control.increment(DONE);
    }
}
