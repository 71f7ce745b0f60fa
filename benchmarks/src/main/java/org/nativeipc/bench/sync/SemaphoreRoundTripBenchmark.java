package org.nativeipc.bench.sync;

import java.util.concurrent.TimeUnit;

import org.nativeipc.bench.support.ControlBlock;
import org.nativeipc.internal.memory.RegionHandle;
import org.nativeipc.sync.SharedSemaphore;
import org.openjdk.jmh.annotations.*;

/**
 * A round trip between two processes through two semaphores: this one releases {@code ping}
 * and acquires {@code pong}; a child acquires {@code ping} and releases {@code pong}. One
 * operation = one round trip (Python: two {@code Semaphore}s, same pattern).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
public class SemaphoreRoundTripBenchmark {
    private SharedSemaphore ping;
    private SharedSemaphore pong;
    private BenchChildren children;

    @Setup(Level.Trial)
    public void startEcho() {
        ping = SharedSemaphore.create(0);
        pong = SharedSemaphore.create(0);
        children = new BenchChildren();
        SharedSemaphore in = ping;
        SharedSemaphore out = pong;
        RegionHandle handle = children.handle();
        children.start("semaphore-echo", () -> {
            ControlBlock control = BenchChildren.attach(handle);
            while (true) {
                in.acquire();
                if (control.stopRequested()) {
                    return;
                }
                out.release();
            }
        });
    }

    @Benchmark
    public void roundTrip() throws InterruptedException {
        ping.release();
        if (!pong.tryAcquire(BenchChildren.WAIT.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException("no answer from the echo child within " + BenchChildren.WAIT);
        }
    }

    @TearDown(Level.Trial)
    public void stopEcho() throws Exception {
        try {
            children.stop(ping::release);
        } finally {
            children.close();
            ping.close();
            pong.close();
        }
    }
}
