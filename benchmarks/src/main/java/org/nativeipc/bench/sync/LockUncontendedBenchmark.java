package org.nativeipc.bench.sync;

import java.util.concurrent.TimeUnit;

import org.nativeipc.sync.SharedLock;
import org.nativeipc.sync.SharedReentrantLock;
import org.openjdk.jmh.annotations.*;

/**
 * One thread locking and unlocking a shared lock nobody else wants: the fast path (a
 * compare-and-set each way, no system call). One operation = one lock + unlock pair. Python's
 * {@code multiprocessing.Lock} does 14.8 M pairs/s on the reference machine; the target is 4x.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class LockUncontendedBenchmark {
    private SharedLock lock;
    private SharedReentrantLock reentrantLock;

    @Setup(Level.Trial)
    public void create() {
        lock = SharedLock.create();
        reentrantLock = SharedReentrantLock.create();
    }

    @TearDown(Level.Trial)
    public void close() {
        lock.close();
        reentrantLock.close();
    }

    @Benchmark
    public void sharedLock() {
        lock.lock();
        lock.unlock();
    }

    @Benchmark
    public void sharedReentrantLock() {
        reentrantLock.lock();
        reentrantLock.unlock();
    }
}
