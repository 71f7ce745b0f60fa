package org.nativeipc.bench.peers;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.openjdk.jmh.annotations.*;

/**
 * Reference (the ceiling of the pool rows): the workloads of {@code PoolBenchmark} on a
 * {@link ForkJoinPool} of two threads in this JVM — no process boundary, no serialization. Same
 * items, same checks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class ForkJoinPoolBenchmark {
    static final int THREADS = 2;
    static final int MAP_TASKS = 100_000;
    static final int ASYNC_TASKS = 10_000;
    /** Python's default chunk size for {@value #MAP_TASKS} items and {@value #THREADS} workers. */
    static final int DEFAULT_CHUNK = (MAP_TASKS + 4 * THREADS - 1) / (4 * THREADS);

    private ForkJoinPool pool;
    private List<Integer> mapItems;
    private List<Integer> asyncItems;

    @Setup(Level.Trial)
    public void setUp() {
        pool = new ForkJoinPool(THREADS);
        mapItems = items(MAP_TASKS);
        asyncItems = items(ASYNC_TASKS);
    }

    static List<Integer> items(int n) {
        List<Integer> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            items.add(i);
        }
        return items;
    }

    static int increment(int x) {
        return x + 1;
    }

    @Benchmark
    @OperationsPerInvocation(MAP_TASKS)
    public long mapDefaultChunk() throws Exception {
        return mapInChunks(DEFAULT_CHUNK);
    }

    @Benchmark
    @OperationsPerInvocation(MAP_TASKS)
    public long mapChunk1000() throws Exception {
        return mapInChunks(1000);
    }

    /** Each chunk a task that maps its slice; results gathered in order. */
    private long mapInChunks(int chunk) throws Exception {
        List<Future<List<Integer>>> parts = new ArrayList<>();
        for (int start = 0; start < MAP_TASKS; start += chunk) {
            List<Integer> slice = mapItems.subList(start, Math.min(MAP_TASKS, start + chunk));
            parts.add(pool.submit(() -> slice.stream().map(ForkJoinPoolBenchmark::increment).collect(Collectors.toList())));
        }
        List<Integer> results = new ArrayList<>(MAP_TASKS);
        for (Future<List<Integer>> part : parts) {
            results.addAll(part.get());
        }
        return check(results, MAP_TASKS);
    }

    @Benchmark
    @OperationsPerInvocation(ASYNC_TASKS)
    public long imapUnordered() throws Exception {
        ExecutorCompletionService<Integer> done = new ExecutorCompletionService<>(pool);
        for (int x : asyncItems) {
            done.submit(() -> increment(x));
        }
        long sum = 0;
        for (int i = 0; i < ASYNC_TASKS; i++) {
            sum += done.take().get();
        }
        return checkSum(sum, ASYNC_TASKS);
    }

    @Benchmark
    @OperationsPerInvocation(ASYNC_TASKS)
    public long applyAsyncGet() throws Exception {
        List<CompletableFuture<Integer>> futures = new ArrayList<>(ASYNC_TASKS);
        for (int x : asyncItems) {
            futures.add(CompletableFuture.supplyAsync(() -> increment(x), pool));
        }
        long sum = 0;
        for (CompletableFuture<Integer> f : futures) {
            sum += f.get();
        }
        return checkSum(sum, ASYNC_TASKS);
    }

    private static long check(List<Integer> results, int n) {
        long sum = 0;
        for (int r : results) {
            sum += r;
        }
        if (results.size() != n) {
            throw new IllegalStateException(results.size() + " results for " + n + " items");
        }
        return checkSum(sum, n);
    }

    private static long checkSum(long sum, int n) {
        long expected = (long) n * (n + 1) / 2;
        if (sum != expected) {
            throw new IllegalStateException("the results of " + n + " tasks sum to " + sum + ", not " + expected);
        }
        return sum;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.shutdown();
    }
}
