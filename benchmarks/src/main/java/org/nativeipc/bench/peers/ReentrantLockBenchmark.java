package org.nativeipc.bench.peers;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.openjdk.jmh.annotations.*;

/**
 * Reference: {@link ReentrantLock} between threads of one JVM — the best an in-process lock
 * does, so a cross-process lock can be judged against it. One operation = lock, increment a
 * shared counter, unlock; with 1, 2 and 4 threads. The trial fails unless the counter equals
 * the operations the threads counted.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class ReentrantLockBenchmark {
    private final ReentrantLock lock = new ReentrantLock();
    private final Queue<Ops> perThread = new ConcurrentLinkedQueue<>();
    /** Guarded by {@link #lock}. */
    private long counter;

    /** Operations done by one benchmark thread. */
    @State(Scope.Thread)
    public static class Ops {
        long done;

        @Setup(Level.Trial)
        public void register(ReentrantLockBenchmark benchmark) {
            benchmark.perThread.add(this);
        }
    }

    @Benchmark
    @Threads(1)
    public void uncontended(Ops ops) {
        increment(ops);
    }

    @Benchmark
    @Threads(2)
    public void contended2(Ops ops) {
        increment(ops);
    }

    @Benchmark
    @Threads(4)
    public void contended4(Ops ops) {
        increment(ops);
    }

    private void increment(Ops ops) {
        lock.lock();
        try {
            counter++;
        } finally {
            lock.unlock();
        }
        ops.done++;
    }

    @TearDown(Level.Trial)
    public void check() {
        long expected = perThread.stream().mapToLong(o -> o.done).sum();
        lock.lock();
        try {
            if (counter != expected) {
                throw new IllegalStateException("correctness check failed: counter " + counter + ", operations " + expected);
            }
        } finally {
            lock.unlock();
        }
    }
}
