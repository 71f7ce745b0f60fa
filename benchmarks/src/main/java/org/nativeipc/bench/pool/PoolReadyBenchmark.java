package org.nativeipc.bench.pool;

import java.util.concurrent.TimeUnit;

import org.nativeipc.bench.support.SpareJvms;
import org.nativeipc.pool.ProcessPool;
import org.openjdk.jmh.annotations.*;

/**
 * What a running program gets from {@code ProcessPool.create(4)} when its spare JVMs are booted:
 * the time until every worker is ready ({@link ProcessPool#awaitReady}), then {@code close()}
 * and {@code join()}. Before each iteration, untimed, as many spare JVMs as the last pool took
 * are booted and waiting (a program that started a pool before keeps that many: spares follow
 * recent demand), so the iteration times the pool's start and end, not JVM boots. Beside
 * {@link PoolStartBenchmark}, whose loop of pools is bounded by how fast the machine boots the
 * spares each iteration takes; compare with Python's {@code Pool(4)} + {@code close()} +
 * {@code join()} under forkserver, whose server is started before the timing too.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(1)
public class PoolReadyBenchmark {
    private static final String SPARES_ON = "true";

    /** Spares on, and as many booted as the last pool took (the first iteration: one). */
    @Setup(Level.Iteration)
    public void bootSpares() throws InterruptedException {
        SpareJvms.use(SPARES_ON);
        SpareJvms.awaitReady(SPARES_ON);
    }

    @Benchmark
    public int createReadyCloseJoin4() throws InterruptedException {
        ProcessPool pool = ProcessPool.create(PoolStartBenchmark.PROCESSES);
        boolean ready = pool.awaitReady(SpareJvms.READY_TIMEOUT);
        pool.close();
        pool.join();
        if (!ready || !pool.isTerminated() || !pool.workerPids().isEmpty()) {
            throw new IllegalStateException("the pool's workers were " + (ready ? "" : "not ") + "ready within "
                    + SpareJvms.READY_TIMEOUT + ", and it ended " + (pool.isTerminated() ? "cleanly" : "unclean") + ": " + pool);
        }
        return pool.processes();
    }
}
