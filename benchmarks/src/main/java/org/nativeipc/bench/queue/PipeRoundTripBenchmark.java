package org.nativeipc.bench.queue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.nativeipc.bench.support.ControlBlock;
import org.nativeipc.bench.support.MappedFile;
import org.nativeipc.bench.support.Messages;
import org.nativeipc.bench.support.PeerChildren;
import org.nativeipc.queue.Connection;
import org.nativeipc.queue.Pipe;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Round trip through a duplex {@link Pipe} ({@link Pipe#DEFAULT_BUFFER_BYTES} each way) between
 * two JVMs: send {@code size} raw bytes, wait for the child's echo, check its stamp. JMH samples
 * every round trip (p50/p99/p99.9).
 *
 * <ul>
 *   <li>{@link #spinning}: the echo polls without blocking, as a latency-tuned deployment does;</li>
 *   <li>{@link #sleeping}: the echo blocks in {@code recvBytes()}; before each round trip the
 *       benchmark pauses {@code gapMicros} (not timed) so that the echo has spun
 *       out and sleeps on the futex: the row measures a wake-up.</li>
 * </ul>
 * This side always spins for the echo.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
public class PipeRoundTripBenchmark {
    /** Untimed pause before each sleeping round trip: far longer than the echo's spin phase. */
    static final String SLEEPER_GAP_MICROS = "200";

    @Param({"8", "64"})
    int size;
    /** Untimed pause before each sleeping round trip, in microseconds (see the class doc). */
    @Param(SLEEPER_GAP_MICROS)
    long gapMicros;

    private MappedFile file;
    private PeerChildren children;
    private Pipe pipe;
    private Connection me;
    private byte[] message;
    private boolean sleeping;
    private long sent;
    private long errors;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        sleeping = params.getBenchmark().endsWith("sleeping");
        message = QueueSides.message(size);
        file = MappedFile.create("pipe-control", ControlBlock.BYTES);
        ControlBlock control = new ControlBlock(file.buffer()).reset();
        pipe = Pipe.open();
        me = pipe.left();
        Connection echoEnd = pipe.right();
        String path = file.path();
        boolean spinning = !sleeping;
        children = new PeerChildren(control).start("pipe-echo", () -> QueueSides.echo(path, echoEnd, spinning));
        children.awaitReady();
    }

    @Setup(Level.Invocation)
    public void letTheEchoFallAsleep() {
        if (sleeping) {
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(gapMicros));
        }
    }

    @Benchmark
    public void spinning() {
        roundTrip();
    }

    @Benchmark
    public void sleeping() {
        roundTrip();
    }

    private void roundTrip() {
        QueueSides.stamp(message, 0, sent);
        me.sendBytes(message, 0, size);
        int attempt = 0;
        while (!me.poll(Duration.ZERO)) {
            if ((++attempt & 0xFFFFF) == 0) {
                children.checkAlive();
            }
            Thread.onSpinWait();
        }
        byte[] echo = me.recvBytes();
        if (echo.length != size || QueueSides.stampOf(echo) != Messages.stamp(0, sent)) {
            errors++;
        }
        sent++;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            me.close();
            children.stopAndCheck(sent, errors);
        } finally {
            pipe.close();
            file.close();
        }
    }
}
