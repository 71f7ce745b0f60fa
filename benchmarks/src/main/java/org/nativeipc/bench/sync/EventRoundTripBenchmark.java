package org.nativeipc.bench.sync;

import java.util.concurrent.TimeUnit;

import org.nativeipc.bench.support.ControlBlock;
import org.nativeipc.internal.memory.RegionHandle;
import org.nativeipc.sync.SharedEvent;
import org.openjdk.jmh.annotations.*;

/**
 * A round trip between two processes through two events: this one sets {@code ping} and waits
 * for {@code pong}, then clears it; a child waits for {@code ping}, clears it and sets
 * {@code pong}. One operation = one round trip (Python: two {@code Event}s, same pattern).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
public class EventRoundTripBenchmark {
    private SharedEvent ping;
    private SharedEvent pong;
    private BenchChildren children;

    @Setup(Level.Trial)
    public void startEcho() {
        ping = SharedEvent.create();
        pong = SharedEvent.create();
        children = new BenchChildren();
        SharedEvent in = ping;
        SharedEvent out = pong;
        RegionHandle handle = children.handle();
        children.start("event-echo", () -> {
            ControlBlock control = BenchChildren.attach(handle);
            while (true) {
                in.await();
                in.clear();
                if (control.stopRequested()) {
                    return;
                }
                out.set();
            }
        });
    }

    @Benchmark
    public void roundTrip() throws InterruptedException {
        ping.set();
        if (!pong.await(BenchChildren.WAIT.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException("no answer from the echo child within " + BenchChildren.WAIT);
        }
        pong.clear();
    }

    @TearDown(Level.Trial)
    public void stopEcho() throws Exception {
        try {
            children.stop(ping::set);
        } finally {
            children.close();
            ping.close();
            pong.close();
        }
    }
}
