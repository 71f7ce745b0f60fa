package org.nativeipc.bench.objects;

import java.util.concurrent.TimeUnit;

import org.nativeipc.queue.SharedQueue;
import org.openjdk.jmh.annotations.*;

/**
 * The 1→1 benchmark of {@link DefaultQueueBenchmark} and {@link TunedQueueBenchmark}, which
 * differ only in how they build the queue: measured, values {@code put} per second in this JVM
 * (blocking: a full queue makes it wait), taken in a child ({@link OneToOneRun}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public abstract class PutTakeBenchmark {
    private OneToOneRun run;

    /** The queue under test (the run closes it). */
    abstract SharedQueue<Object> newQueue();

    /** The payload's name, for {@link Payloads#of}. */
    abstract String payload();

    /** A short name for the run's files and child. */
    abstract String runName();

    @Setup(Level.Trial)
    public void setUp() {
        run = new OneToOneRun(runName(), newQueue(), payload());
    }

    @Benchmark
    public void oneToOne() throws InterruptedException {
        run.putNext();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        if (run != null) {
            run.stop();
        }
    }
}
