package org.nativeipc.bench.peers;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

import net.openhft.chronicle.map.ChronicleMap;
import org.nativeipc.bench.state.MapWorkload;
import org.nativeipc.bench.support.ControlBlock;
import org.nativeipc.bench.support.MappedFile;
import org.nativeipc.bench.support.PeerChildren;
import org.openjdk.jmh.annotations.*;

/**
 * Peer of {@code org.nativeipc.bench.state.SharedMapBenchmark}: a Chronicle Map persisted to a
 * file in the shared-memory folder, filled with {@link MapWorkload#KEYS} entries by a child JVM
 * that opens the same file; this JVM then gets, or puts (overwrites), one key per operation,
 * cycling through the keys. Sized as Chronicle Map wants: {@code entries} and an average key.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {PeerFlags.CHRONICLE_MAP_LANG, PeerFlags.CHRONICLE_MAP_JAVAC_FILE, PeerFlags.CHRONICLE_MAP_JAVAC,
        PeerFlags.CHRONICLE_MAP_IO, PeerFlags.CHRONICLE_MAP_UTIL, PeerFlags.CHRONICLE_MAP_MISC, PeerFlags.CHRONICLE_REFLECT,
        PeerFlags.CHRONICLE_NIO, PeerFlags.CHRONICLE_REF, PeerFlags.CHRONICLE_NO_ANALYTICS, PeerFlags.CHRONICLE_QUIET})
public class ChronicleMapBenchmark {
    private ChronicleMap<String, Long> map;
    private File file;
    private MappedFile controlFile;
    private final MapWorkload.Visits visits = new MapWorkload.Visits();

    @Setup(Level.Trial)
    public void fillFromAChild() throws IOException {
        file = new File(System.getProperty("nativeipc.bench.folder", "/dev/shm"),
                MappedFile.PREFIX + "chronicle-map-" + ProcessHandle.current().pid() + ".dat");
        Files.deleteIfExists(file.toPath());
        map = open(file);
        controlFile = MappedFile.create("chronicle-map-control", ControlBlock.BYTES);
        PeerChildren children = new PeerChildren(new ControlBlock(controlFile.buffer()).reset());
        String path = file.getPath();
        children.start("chronicle-filler", () -> {
            try (ChronicleMap<String, Long> mine = open(new File(path))) {
                MapWorkload.fill(mine::put);
            }
        }, PeerFlags.CHRONICLE_MAP_ALL);
        children.joinAll();
        MapWorkload.check("the Chronicle Map", map.size(), map.get("key-7"));
    }

    static ChronicleMap<String, Long> open(File file) {
        try {
            return ChronicleMap.of(String.class, Long.class).name("bench").averageKey("key-" + (MapWorkload.KEYS - 1))
                    .entries(MapWorkload.CAPACITY).createPersistedTo(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the Chronicle Map at " + file, e);
        }
    }

    @Benchmark
    public Long get() {
        return map.get(visits.key(visits.next()));
    }

    @Benchmark
    public Long put() {
        int i = visits.next();
        return map.put(visits.key(i), (long) i);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        try {
            MapWorkload.check("the Chronicle Map", map.size(), map.get("key-7"));
        } finally {
            map.close();
            controlFile.close();
            Files.deleteIfExists(file.toPath());
        }
    }
}
