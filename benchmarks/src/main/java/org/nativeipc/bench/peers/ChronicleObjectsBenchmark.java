package org.nativeipc.bench.peers;

import static org.nativeipc.bench.support.ControlBlock.*;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import net.openhft.chronicle.wire.Wire;
import org.nativeipc.bench.objects.Payloads;
import org.nativeipc.bench.objects.Tick;
import org.nativeipc.bench.support.ControlBlock;
import org.nativeipc.bench.support.Idle;
import org.nativeipc.bench.support.MappedFile;
import org.nativeipc.bench.support.PeerChildren;
import org.openjdk.jmh.annotations.*;

/**
 * Peer of the "objects" rows: Chronicle Queue carrying the same values in its own wire format
 * (named fields in a binary wire document: a Tick's {@code seq}, {@code price} and
 * {@code symbol}; the string as one text field; the map as 8 named int64 fields), appender
 * (this JVM, measured: values appended per second) → tailer (a child JVM that reads the fields,
 * rebuilds the value and checks every sequence number). The appender stays at most
 * {@link #WINDOW} values ahead of the tailer, as a queue of that capacity would.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {PeerFlags.CHRONICLE_REFLECT, PeerFlags.CHRONICLE_NIO, PeerFlags.CHRONICLE_REF,
        PeerFlags.CHRONICLE_NO_ANALYTICS, PeerFlags.CHRONICLE_QUIET})
public class ChronicleObjectsBenchmark {
    /** Values the appender may be ahead of the tailer: the capacity of native-ipc's queue in these rows. */
    static final long WINDOW = 1024;
    /** The tailer publishes its progress this often (in values). */
    private static final long PROGRESS_EVERY = WINDOW / 4;

    @Param({"tick", "string64", "map8"})
    String payload;

    private MappedFile controlFile;
    private ControlBlock control;
    private Path dir;
    private SingleChronicleQueue queue;
    private ExcerptAppender appender;
    private PeerChildren children;
    private long sent;
    private long tailerSeen;

    @Setup(Level.Trial)
    public void setUp() {
        controlFile = MappedFile.create("chronicle-objects-control", ControlBlock.BYTES);
        control = new ControlBlock(controlFile.buffer()).reset();
        dir = ChronicleSides.newQueueDir("chronicle-objects");
        queue = ChronicleSides.open(dir.toString(), false);
        appender = queue.createAppender();
        String controlPath = controlFile.path();
        String queueDir = dir.toString();
        String name = payload;
        children = new PeerChildren(control).start("chronicle-objects-tailer", () -> tail(controlPath, queueDir, name),
                PeerFlags.CHRONICLE_ALL);
        children.awaitReady();
    }

    @Benchmark
    public void append() {
        int attempt = 0;
        while (sent - tailerSeen >= WINDOW) {
            tailerSeen = control.get(RECEIVED);
            if ((++attempt & 0xFFFF) == 0) {
                children.checkAlive();
            }
            Idle.idle(attempt);
        }
        write(appender, Payloads.of(payload, sent));
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

    /** Appends {@code value} as one document of named fields. */
    static void write(ExcerptAppender appender, Object value) {
        try (DocumentContext dc = appender.writingDocument()) {
            Wire w = dc.wire();
            if (value instanceof Tick t) {
                w.write("seq").int64(t.seq()).write("price").float64(t.price()).write("symbol").text(t.symbol());
            } else if (value instanceof String s) {
                w.write("text").text(s);
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Long> map = (Map<String, Long>) value;
                for (Map.Entry<String, Long> e : map.entrySet()) {
                    w.write(e.getKey()).int64(e.getValue());
                }
            }
        }
    }

    /** Reads the next document as a value of {@code payload}, or null if there is none yet. */
    static Object read(ExcerptTailer tailer, String payload) {
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return null;
            }
            Wire w = dc.wire();
            switch (payload) {
                case "tick":
                    return new Tick(w.read("seq").int64(), w.read("price").float64(), w.read("symbol").text());
                case "string64":
                    return w.read("text").text();
                default: {
                    Map<String, Long> map = new LinkedHashMap<>();
                    for (int i = 0; i < Payloads.MAP_ENTRIES; i++) {
                        String key = "field" + i;
                        map.put(key, w.read(key).int64());
                    }
                    return map;
                }
            }
        }
    }

    /** Child side: tails the queue, rebuilds and checks every value, publishes progress in RECEIVED. */
    static void tail(String controlPath, String dir, String payload) {
        ControlBlock control = new ControlBlock(MappedFile.open(controlPath).buffer());
        long received = 0;
        long errors = 0;
        try (SingleChronicleQueue queue = ChronicleSides.open(dir, true); ExcerptTailer tailer = queue.createTailer()) {
            control.increment(READY);
            int idle = 0;
            while (true) {
                Object value = read(tailer, payload);
                if (value == null) {
                    long stopAt = control.get(STOP_AT);
                    if (stopAt >= 0 && received >= stopAt) {
                        break;
                    }
                    Idle.idle(++idle);
                    continue;
                }
                idle = 0;
                if (Payloads.sequenceOf(value) != received) {
                    errors++;
                }
                if (++received % PROGRESS_EVERY == 0) {
                    control.set(RECEIVED, received);
                }
            }
        }
        control.set(ERRORS, errors);
        control.set(RECEIVED, received);
        control.increment(DONE);
    }
}
