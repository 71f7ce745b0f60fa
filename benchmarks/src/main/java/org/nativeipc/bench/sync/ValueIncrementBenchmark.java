package org.nativeipc.bench.sync;


import java.util.concurrent.TimeUnit;

import org.nativeipc.shared.SharedLong;
import org.nativeipc.sync.SharedLock;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Python's {@code with v.get_lock(): v.value += 1} on a {@code Value}, in 1, 2 or 4 processes
 * (this one and 0, 1 or 3 children): {@link SharedLong#incrementAndGet()} (one atomic
 * instruction), and like for like a {@link SharedLong} read and written under a
 * {@link SharedLock}. One benchmark call is one batch of {@link #BATCH} increments in all, split
 * evenly; the processes start it together at a barrier and meet at another when done, and the
 * value must then be exactly what all batches added (else the run fails). The score is the total
 * of all processes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class ValueIncrementBenchmark {
    /** Increments per batch, all processes together (divisible by 1, 2 and 4). */
    static final int BATCH = 400_000;

    @Param({"1", "2", "4"})
    public int processes;

    private SharedLong value;
    private SharedLock lock;
    private BatchRounds rounds;
    private long expected;

    @Setup(Level.Trial)
    public void startChildren(BenchmarkParams params) {
        boolean locked = params.getBenchmark().endsWith("underSharedLock");
        value = SharedLong.create(0);
        lock = SharedLock.create();
        SharedLong v = value;
        SharedLock guard = locked ? lock : null;
        rounds = new BatchRounds("incrementer", processes, BATCH, (region, steps) -> increment(v, guard, steps));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void incrementAndGet() throws Exception {
        batch();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void underSharedLock() throws Exception {
        batch();
    }

    private void batch() throws Exception {
        rounds.runBatch();
        expected += BATCH;
        long count = value.get();
        if (count != expected) {
            throw new IllegalStateException("correctness check failed: value " + count + ", expected " + expected);
        }
    }

    /** {@code times} increments: atomic, or {@code v.set(v.get() + 1)} under {@code guard}. */
    static void increment(SharedLong v, SharedLock guard, int times) {
        if (guard == null) {
            for (int i = 0; i < times; i++) {
                v.incrementAndGet();
            }
            return;
        }
        for (int i = 0; i < times; i++) {
            guard.lock();
            try {
                v.set(v.get() + 1);
            } finally {
                guard.unlock();
            }
        }
    }

    @TearDown(Level.Trial)
    public void stopChildren() throws Exception {
        try {
            rounds.close();
        } finally {
            lock.close();
            value.close();
        }
    }
}
