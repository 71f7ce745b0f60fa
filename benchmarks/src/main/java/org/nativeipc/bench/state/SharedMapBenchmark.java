package org.nativeipc.bench.state;

import java.util.concurrent.TimeUnit;

import org.nativeipc.bench.support.ControlBlock;
import org.nativeipc.bench.support.MappedFile;
import org.nativeipc.bench.support.PeerChildren;
import org.nativeipc.shared.SharedMap;
import org.openjdk.jmh.annotations.*;

/**
 * A {@link SharedMap} of {@link MapWorkload#KEYS} entries that a child process put; this process
 * then gets, or puts (overwrites), one key per operation, cycling through the keys. Python's
 * counterpart is the same through {@code Manager().dict()}; the Java peer is
 * {@code org.nativeipc.bench.peers.ChronicleMapBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class SharedMapBenchmark {
    private SharedMap<String, Long> map;
    private MappedFile controlFile;
    private final MapWorkload.Visits visits = new MapWorkload.Visits();

    @Setup(Level.Trial)
    public void fillFromAChild() {
        map = SharedMap.create(MapWorkload.CAPACITY);
        controlFile = MappedFile.create("map-control", ControlBlock.BYTES);
        PeerChildren children = new PeerChildren(new ControlBlock(controlFile.buffer()).reset());
        SharedMap<String, Long> shared = map;
        children.start("filler", () -> MapWorkload.fill(shared::put));
        children.joinAll();
        MapWorkload.check("the SharedMap", map.size(), map.get("key-7"));
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
    public void close() {
        try {
            MapWorkload.check("the SharedMap", map.size(), map.get("key-7"));
        } finally {
            map.close();
            controlFile.close();
        }
    }
}
