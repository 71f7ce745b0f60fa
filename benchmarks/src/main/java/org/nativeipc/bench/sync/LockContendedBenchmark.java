package org.nativeipc.bench.sync;

import static org.nativeipc.bench.sync.BenchChildren.COUNTER;
import static org.nativeipc.bench.sync.BenchChildren.WAIT;

import java.util.concurrent.TimeUnit;

import org.nativeipc.internal.memory.RegionHandle;
import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.sync.SharedBarrier;
import org.nativeipc.sync.SharedLock;
import org.openjdk.jmh.annotations.*;

/**
 * 2 or 4 processes (this one and 1 or 3 children) each increment a counter in shared memory
 * under one {@link SharedLock}: {@code lock; counter++; unlock}. One benchmark call is one batch
 * of {@link #BATCH} increments in all, split evenly; the processes start it together at a
 * barrier and meet at another when done, and the counter must then be exactly what all batches
 * added (else the run fails). Python's {@code Lock} does 1.07 M increments/s with 2 processes
 * on the reference machine; the target is 14x.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class LockContendedBenchmark {
    /** Increments per batch, all processes together (divisible by 2 and 4). */
    static final int BATCH = 400_000;

    @Param({"2", "4"})
    public int processes;

    private SharedLock lock;
    private SharedBarrier start;
    private SharedBarrier end;
    private BenchChildren children;
    private SharedRegion control;
    private long expected;

    @Setup(Level.Trial)
    public void startChildren() {
        lock = SharedLock.create();
        start = SharedBarrier.create(processes);
        end = SharedBarrier.create(processes);
        children = new BenchChildren();
        control = children.control();
        SharedLock l = lock;
        SharedBarrier s = start;
        SharedBarrier e = end;
        RegionHandle handle = children.controlHandle();
        int share = BATCH / processes;
        for (int i = 1; i < processes; i++) {
            children.start("contender-" + i, () -> {
                SharedRegion c = handle.attach();
                while (true) {
                    s.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                    if (BenchChildren.stopRequested(c)) {
                        return;
                    }
                    incrementUnderLock(l, c, share);
                    e.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                }
            });
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void lockIncrementUnlock() throws Exception {
        start.await(WAIT.toSeconds(), TimeUnit.SECONDS);
        incrementUnderLock(lock, control, BATCH / processes);
        end.await(WAIT.toSeconds(), TimeUnit.SECONDS);
        expected += BATCH;
        long counter = control.getLongVolatile(COUNTER);
        if (counter != expected) {
            throw new IllegalStateException("correctness check failed: counter " + counter + ", expected " + expected);
        }
    }

    static void incrementUnderLock(SharedLock lock, SharedRegion control, int times) {
        for (int i = 0; i < times; i++) {
            lock.lock();
            try {
                control.putLong(COUNTER, control.getLong(COUNTER) + 1);
            } finally {
                lock.unlock();
            }
        }
    }

    @TearDown(Level.Trial)
    public void stopChildren() throws Exception {
        try {
            children.stop(() -> {
                try {
                    start.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("children did not come to the last start barrier", e);
                }
            });
        } finally {
            children.close();
            start.close();
            end.close();
            lock.close();
        }
    }
}
