package org.nativeipc.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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
    void aSpareTakenByARunningChildIsReplacedWhileTheChildStillRuns() throws Exception {
        Path go = dir.resolve("go");
        String goPath = go.toString();
        // A JVM option of its own: a command no spare was booted for yet.
        ChildProcess child = new ChildProcess(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.exists(Path.of(goPath)) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }).jvmOptions("-Dnativeipc.test.refill=running").start();
        try {
            long deadline = System.nanoTime() + ChildAssertions.CHILD_TIMEOUT.toNanos();
            while (SpareJvm.spareCount() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(SpareJvm.spareCount() >= 1, "within " + ChildAssertions.CHILD_TIMEOUT
                    + " of a start followed by no other, a spare should boot for the next start");
            assertTrue(child.exitCode().isEmpty(), "the child waits for " + go + ", so it must still run: " + child);
        } finally {
            Files.writeString(go, "go");
        }
        assertExitsOk(child);
    }

    @Test
    void aBurstIsOverWhenItsChildrenEndedOrRunTheirTasksAfterAQuietSpell() {
        long quiet = TimeUnit.MILLISECONDS.toNanos(SpareRefill.QUIET_MILLIS);
        long longest = TimeUnit.MILLISECONDS.toNanos(SpareRefill.LONGEST_WAIT_MILLIS);
        assertTrue(SpareRefill.burstOver(0, 3, 3, 3), "all children ended: over at once");
        assertFalse(SpareRefill.burstOver(quiet - 1, 3, 3, 2), "starts came lately: not over");
        assertTrue(SpareRefill.burstOver(quiet, 3, 3, 0), "quiet, every task running: over");
        assertFalse(SpareRefill.burstOver(quiet, 3, 2, 0), "a child still boots or reads its task: not over");
        assertFalse(SpareRefill.burstOver(longest - 1, 20, 19, 0));
        assertTrue(SpareRefill.burstOver(longest, 20, 0, 0), "a hanging child does not stop refills for ever");
    }

    @Test
    void aDueRefillBootsOnceAProcessorWasIdleOrAfterTheLongestDeferral() {
        long longest = TimeUnit.MILLISECONDS.toNanos(SpareRefill.LONGEST_DEFERRAL_MILLIS);
        assertTrue(SpareRefill.mayBoot(1.0, 0), "a processor's worth idle: boot");
        assertFalse(SpareRefill.mayBoot(0.3, 0), "every processor busy: wait");
        assertTrue(SpareRefill.mayBoot(0.3, longest), "busy, but due for the longest deferral: boot");
        assertTrue(SpareRefill.mayBoot(Double.NaN, 0), "idle time unknown (no /proc/stat): boot at once");
    }

    @Test
    void idleProcessorsComeFromTheCountersOfAllProcessors() {
        IdleProcessors.Look before = IdleProcessors.parse("cpu  100 0 50 800 50 0 0 0 0 0");
        IdleProcessors.Look after = IdleProcessors.parse("cpu  200 0 50 850 50 0 0 0 0 0");
        assertEquals(new IdleProcessors.Look(1000, 850), before, "total of the 8 counted fields; idle + iowait");
        assertEquals(2 * 50.0 / 150, IdleProcessors.idleBetween(before, after, 2), 1e-9);
        assertTrue(Double.isNaN(IdleProcessors.idleBetween(before, before, 2)), "no time passed: unknown");
        assertTrue(Double.isNaN(IdleProcessors.idleBetween(null, after, 2)), "a look missing: unknown");
        assertNull(IdleProcessors.parse("cpu0 1 2 3 4 5 6 7 8"), "one processor's line is not all processors'");
        if (Files.isReadable(Path.of("/proc/stat"))) {
            assertNotNull(IdleProcessors.look(), "/proc/stat is readable here");
        }
    }

    @Test
    void refillsBootAtMostOneJvmPerProcessorAtATime() {
        assertEquals(2, SpareRefill.batchSize(20, 2));
        assertEquals(1, SpareRefill.batchSize(1, 8));
        assertEquals(0, SpareRefill.batchSize(0, 2));
        assertEquals(0, SpareRefill.batchSize(-3, 2), "more spares than demand asks: none to boot");
        assertEquals(1, SpareRefill.batchSize(5, 0), "at least one, whatever the JVM reports");
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
