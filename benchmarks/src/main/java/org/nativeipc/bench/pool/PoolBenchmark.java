package org.nativeipc.bench.pool;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.nativeipc.pool.ProcessFunction;
import org.nativeipc.pool.ProcessPool;
import org.openjdk.jmh.annotations.*;

/**
 * native-ipc's pool family: a {@link ProcessPool} of {@link #PROCESSES} workers running trivial
 * tasks ({@code x + 1}), against Python's {@code Pool(2)} in the same run and a
 * {@code ForkJoinPool} of two threads in one JVM (the ceiling: no process boundary). One
 * operation = one task; every call checks the sum of its results and throws on a mismatch.
 *
 * <ul>
 *   <li>{@code mapDefaultChunk}, {@code mapChunk1000}: {@code map} of {@value #MAP_TASKS} items,
 *       with Python's default chunk size (items / (4 × workers)) and with 1000;</li>
 *   <li>{@code imapUnordered}: {@code imapUnordered} of {@value #ASYNC_TASKS} items, one per
 *       message (Python's default chunk size, 1);</li>
 *   <li>{@code applyAsyncGet}: {@value #ASYNC_TASKS} {@code applyAsync}, then {@code get} of each.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class PoolBenchmark {
    static final int PROCESSES = 2;
    static final int MAP_TASKS = 100_000;
    static final int ASYNC_TASKS = 10_000;
    private static final ProcessFunction<Integer, Integer> INCREMENT = PoolBenchmark::increment;

    private ProcessPool pool;
    private List<Integer> mapItems;
    private List<Integer> asyncItems;

    static int increment(int x) {
        return x + 1;
    }

    /** The items 0..n-1. */
    static List<Integer> items(int n) {
        List<Integer> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            items.add(i);
        }
        return items;
    }

    /** Sum of {@code x + 1} over 0..n-1. */
    static long expectedSum(int n) {
        return (long) n * (n + 1) / 2;
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        pool = ProcessPool.create(PROCESSES);
        mapItems = items(MAP_TASKS);
        asyncItems = items(ASYNC_TASKS);
        check(pool.map(INCREMENT, items(1000), 1), 1000); // both workers up before measuring
    }

    @Benchmark
    @OperationsPerInvocation(MAP_TASKS)
    public long mapDefaultChunk() throws Exception {
        return check(pool.map(INCREMENT, mapItems), MAP_TASKS);
    }

    @Benchmark
    @OperationsPerInvocation(MAP_TASKS)
    public long mapChunk1000() throws Exception {
        return check(pool.map(INCREMENT, mapItems, 1000), MAP_TASKS);
    }

    @Benchmark
    @OperationsPerInvocation(ASYNC_TASKS)
    public long imapUnordered() {
        long sum = 0;
        for (Iterator<Integer> it = pool.imapUnordered(INCREMENT, asyncItems); it.hasNext(); ) {
            sum += it.next();
        }
        return checkSum(sum, ASYNC_TASKS);
    }

    @Benchmark
    @OperationsPerInvocation(ASYNC_TASKS)
    public long applyAsyncGet() throws Exception {
        List<CompletableFuture<Integer>> futures = new ArrayList<>(ASYNC_TASKS);
        for (int i = 0; i < ASYNC_TASKS; i++) {
            int x = i;
            futures.add(pool.applyAsync(() -> increment(x)));
        }
        long sum = 0;
        for (CompletableFuture<Integer> f : futures) {
            sum += f.get();
        }
        return checkSum(sum, ASYNC_TASKS);
    }

    static long check(List<Integer> results, int n) {
        if (results.size() != n) {
            throw new IllegalStateException("map returned " + results.size() + " results for " + n + " items");
        }
        long sum = 0;
        for (int r : results) {
            sum += r;
        }
        return checkSum(sum, n);
    }

    static long checkSum(long sum, int n) {
        if (sum != expectedSum(n)) {
            throw new IllegalStateException("the results of " + n + " tasks sum to " + sum + ", not " + expectedSum(n));
        }
        return sum;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        pool.close();
        pool.join();
    }
}
