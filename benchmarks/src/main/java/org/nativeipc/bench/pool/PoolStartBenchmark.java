package org.nativeipc.bench.pool;

import java.util.concurrent.TimeUnit;

import org.nativeipc.bench.support.SpareJvms;
import org.nativeipc.pool.ProcessPool;
import org.openjdk.jmh.annotations.*;

/**
 * What starting a pool costs: {@code ProcessPool.create(4)}, {@code close()}, {@code join()} —
 * every worker boots, reads its stop message and exits, as each of Python's {@code Pool(4)}
 * workers must start and exit for {@code Pool(4)} + {@code close()} + {@code join()}. With
 * {@code spare=false} every worker is a cold JVM (compare with Python's spawn); with
 * {@code spare=true} native-ipc's spare JVMs are on and each iteration first waits, untimed, for
 * a spare to be ready (compare with forkserver), as in {@code ChildProcessBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(1)
public class PoolStartBenchmark {
    static final int PROCESSES = 4;

    @Param({"false", "true"})
    public String spare;

    @Setup(Level.Trial)
    public void setUp() {
        SpareJvms.use(spare);
    }

    @Setup(Level.Iteration)
    public void letSpareBoot() throws InterruptedException {
        SpareJvms.awaitReady(spare);
    }

    @Benchmark
    public int createCloseJoin4() throws InterruptedException {
        ProcessPool pool = ProcessPool.create(PROCESSES);
        pool.close();
        pool.join();
        if (!pool.isTerminated() || !pool.workerPids().isEmpty()) {
            throw new IllegalStateException("the pool did not end cleanly: " + pool);
        }
        return pool.processes();
    }
}
