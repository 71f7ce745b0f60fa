package org.nativeipc.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nativeipc.testing.ChildAssertions.assertExitsOk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nativeipc.testing.ChildAssertions;
import org.nativeipc.testing.TemporaryProperty;

/** The spare JVMs booted ahead of need. */
class SpareJvmTest {

    @TempDir
    Path dir;

    @Test
    void afterWarmUpTheNextChildIsTheJvmBootedBeforeStart() throws Exception {
        assertTrue(ChildProcess.warmUp(ChildAssertions.CHILD_TIMEOUT), "a spare JVM should be ready");
        Thread.sleep(50);
        Instant beforeStart = Instant.now();
        String started = dir.resolve("started").toString();
        // The child reports its JVM's start: it may have ended by the time start() returns.
        ChildProcess child = new ChildProcess(() -> Files.writeString(Path.of(started),
                ProcessHandle.current().info().startInstant().orElseThrow().toString())).start();
        assertExitsOk(child);
        Instant childStarted = Instant.parse(Files.readString(Path.of(started)));
        assertTrue(childStarted.isBefore(beforeStart),
                "the child's JVM (started " + childStarted + ") must be the spare booted before start() (" + beforeStart + ")");
    }

    @Test
    void aBurstOfStartsRunsEveryTask() {
        List<ChildProcess> burst = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int n = i;
            burst.add(new ChildProcess(() -> System.exit(10 + n)).start());
        }
        for (int i = 0; i < burst.size(); i++) {
            ChildAssertions.assertExitCode(10 + i, burst.get(i));
        }
    }

    @Test
    void concurrentStartsLeaveAsManySparesReadyForTheNextBurst() throws Exception {
        int burst = 3;
        ExecutorService starters = Executors.newFixedThreadPool(burst); // all at once, whatever the processor count
        try {
            List<Future<ChildProcess>> starts = new ArrayList<>();
            for (int i = 0; i < burst; i++) {
                starts.add(starters.submit(() -> new ChildProcess(() -> { }).start()));
            }
            for (Future<ChildProcess> start : starts) {
                assertExitsOk(start.get(ChildAssertions.CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            }
        } finally {
            starters.shutdown();
        }
        assertTrue(ChildProcess.warmUp(ChildAssertions.CHILD_TIMEOUT), "the spares should be ready");
        assertTrue(SpareJvm.spareCount() >= burst, "a burst of " + burst + " starts leaves at least as many spares, not "
                + SpareJvm.spareCount());
    }

    @Test
    void theLargestBurstCountsStartsCloseTogetherOfTheLastIdlePeriod() {
        long second = TimeUnit.SECONDS.toNanos(1);
        long now = 1_000 * second;
        long idle = TimeUnit.MILLISECONDS.toNanos(SpareJvm.IDLE_MILLIS);
        long window = TimeUnit.MILLISECONDS.toNanos(SpareJvm.BURST_WINDOW_MILLIS);
        assertEquals(0, SpareJvm.largestBurst(new long[0], now));
        assertEquals(1, SpareJvm.largestBurst(new long[] {now - second}, now));
        long[] spread = {now - 6 * window, now - 4 * window, now - 2 * window, now - window / 2};
        assertEquals(1, SpareJvm.largestBurst(spread, now), "starts further apart than the window are separate bursts");
        long start = now - 10 * second;
        long[] burstThenOne = {start, start + 1, start + 2, start + 3, now - 1};
        assertEquals(4, SpareJvm.largestBurst(burstThenOne, now));
        assertEquals(1, SpareJvm.largestBurst(burstThenOne, start + idle + 2 * second),
                "a burst older than the idle period no longer counts");
        assertEquals(0, SpareJvm.largestBurst(burstThenOne, now + idle + second), "nothing after an idle period");
    }

    @Test
    void withSparesDisabledWarmUpDoesNothing() throws Exception {
        try (TemporaryProperty spares = TemporaryProperty.set(SpareJvm.PROPERTY, "false")) {
            assertFalse(ChildProcess.warmUp(Duration.ofSeconds(1)));
            assertExitsOk(new ChildProcess(() -> { }).start());
        }
    }

    @Test
    void warmUpRefusesANegativeTimeout() {
        assertThrows(IllegalArgumentException.class, () -> ChildProcess.warmUp(Duration.ofMillis(-1)));
    }
}
