package org.nativeipc.sync;

import static org.junit.jupiter.api.Assertions.*;
import static org.nativeipc.testing.ChildAssertions.assertAllExitOk;
import static org.nativeipc.testing.ChildAssertions.assertExitsOk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nativeipc.process.ChildProcess;
import org.nativeipc.process.CurrentProcess;

/** {@link SharedLock} across real child processes: mutual exclusion, timeouts, interrupts. */
class SharedLockTest extends SyncTestSupport {

    /** Seed example 8: three children print "running" and "done" in turn, never interleaved. */
    @Test
    void threeChildrenPrintInTurn(@TempDir Path dir) throws Exception {
        try (SharedLock lock = SharedLock.create()) {
            String log = dir.resolve("log.txt").toString();
            for (int i = 0; i < 3; i++) {
                int n = i;
                start("printer-" + n, () -> {
                    lock.lock();
                    try {
                        appendLine(log, n + ": " + CurrentProcess.pid() + " is running");
                        Thread.sleep(30);
                        appendLine(log, n + ": " + CurrentProcess.pid() + " is done");
                    } finally {
                        lock.unlock();
                    }
                });
            }
            assertAllExitOk(children);
            List<String> lines = Files.readAllLines(Path.of(log));
            assertEquals(6, lines.size(), () -> "expected 6 lines, got " + lines);
            Pattern line = Pattern.compile("(\\d): (\\d+) is (running|done)");
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < 6; i += 2) {
                Matcher running = line.matcher(lines.get(i));
                Matcher done = line.matcher(lines.get(i + 1));
                assertTrue(running.matches() && done.matches(), "unexpected lines " + lines);
                assertEquals("running", running.group(3), "a child printed 'done' before 'running': " + lines);
                assertEquals(running.group(1) + running.group(2) + "done", done.group(1) + done.group(2) + done.group(3),
                        "another child printed between a child's 'running' and 'done': " + lines);
                seen.add(running.group(1));
            }
            assertEquals(3, seen.stream().distinct().count(), "every child printed once: " + lines);
        }
    }

    /** Four processes add N each to a counter with a non-atomic read-then-write under the lock. */
    @Test
    void fourProcessesIncrementExactly() throws Exception {
        int processes = 4;
        int increments = 10_000;
        try (SharedLock lock = SharedLock.create(); SharedEvent go = SharedEvent.create();
             TestCounters counters = TestCounters.create(2)) {
            for (int p = 0; p < processes; p++) {
                start("incrementer-" + p, () -> {
                    counters.add(1, 1);
                    go.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                    incrementUnderLock(lock, counters, increments);
                });
            }
            counters.awaitValue(1, v -> v == processes, WAIT, "all incrementers to be ready");
            go.set();
            assertAllExitOk(children);
            assertEquals((long) processes * increments, counters.get(0), "lost or repeated increments");
            assertFalse(lock.isLocked());
        }
    }

    /** Threads of one process contend with each other the same way. */
    @Test
    void threadsOfOneProcessIncrementExactly() throws Exception {
        int threads = 4;
        int increments = 20_000;
        try (SharedLock lock = SharedLock.create(); TestCounters counters = TestCounters.create(1)) {
            List<Thread> workers = new ArrayList<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            for (int t = 0; t < threads; t++) {
                Thread worker = new Thread(() -> incrementUnderLock(lock, counters, increments));
                worker.setUncaughtExceptionHandler((th, e) -> failure.set(e));
                workers.add(worker);
                worker.start();
            }
            for (Thread worker : workers) {
                worker.join(WAIT.toMillis());
                assertFalse(worker.isAlive(), "worker still running after " + WAIT);
            }
            assertNull(failure.get());
            assertEquals((long) threads * increments, counters.get(0));
        }
    }

    @Test
    void tryLockTimesOutWhileAnotherProcessHolds() throws Exception {
        try (SharedLock lock = SharedLock.create(); TestCounters counters = TestCounters.create(2)) {
            ChildProcess holder = startHolder(lock, counters);
            assertTrue(lock.isLocked());
            assertEquals(holder.pid(), lock.ownerPid());
            assertTrue(lock.toString().contains("locked by pid " + holder.pid()), lock.toString());
            assertFalse(lock.tryLock());
            assertFalse(lock.tryLock(0, TimeUnit.MILLISECONDS));
            assertFalse(lock.tryLock(150, TimeUnit.MILLISECONDS));
            assertFalse(lock.isHeldByCurrentThread());

            counters.set(1, 1);
            assertTrue(lock.tryLock(WAIT.toSeconds(), TimeUnit.SECONDS), "lock not released by the child");
            try {
                assertTrue(lock.isHeldByCurrentThread());
                assertFalse(lock.previousOwnerDied(), "the child unlocked normally");
                assertEquals(CurrentProcess.pid(), lock.ownerPid());
            } finally {
                lock.unlock();
            }
            assertExitsOk(holder);
            assertEquals(0, lock.ownerPid());
            assertTrue(lock.toString().contains("unlocked"), lock.toString());
        }
    }

    /** An interrupt ends lockInterruptibly and tryLock(timeout); lock() keeps waiting and keeps the interrupt. */
    @Test
    void interruptOfBlockedWaiter() throws Exception {
        try (SharedLock lock = SharedLock.create(); TestCounters counters = TestCounters.create(2)) {
            startHolder(lock, counters);

            assertInterrupted(lock, () -> lock.lockInterruptibly());
            assertInterrupted(lock, () -> lock.tryLock(WAIT.toSeconds(), TimeUnit.SECONDS));

            AtomicReference<Boolean> interruptKept = new AtomicReference<>();
            Thread stubborn = new Thread(() -> {
                lock.lock();
                interruptKept.set(Thread.currentThread().isInterrupted());
                lock.unlock();
            });
            stubborn.start();
            TestCounters.awaitTrue(() -> lock.getQueueLength() >= 1, WAIT, "the thread to sleep in lock()");
            stubborn.interrupt();
            Thread.sleep(100);
            assertTrue(stubborn.isAlive(), "lock() must not give up on interrupt");
            counters.set(1, 1);
            stubborn.join(WAIT.toMillis());
            assertEquals(Boolean.TRUE, interruptKept.get(), "lock() acquires and leaves the interrupt status set");
            assertAllExitOk(children);
        }
    }

    /** Adds {@code times} to counter 0, each time with a slow read-then-write under the lock. */
    private static void incrementUnderLock(SharedLock lock, TestCounters counters, int times) {
        for (int i = 0; i < times; i++) {
            lock.lock();
            try {
                counters.incrementSlowly(0);
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Starts a child that locks, sets counter 0, and unlocks once counter 1 is set; returns once
     * it holds the lock.
     */
    private ChildProcess startHolder(SharedLock lock, TestCounters counters) throws InterruptedException {
        ChildProcess holder = start("holder", () -> {
            lock.lock();
            try {
                counters.set(0, 1);
                counters.awaitValue(1, v -> v == 1, WAIT, "the parent's permission to unlock");
            } finally {
                lock.unlock();
            }
        });
        counters.awaitValue(0, v -> v == 1, WAIT, "the child to hold the lock");
        return holder;
    }

    private static void assertInterrupted(SharedLock lock, Blocking blocking) throws InterruptedException {
        int before = lock.getQueueLength();
        assertInterruptEnds(blocking, () -> lock.getQueueLength() > before, "a lock method");
        assertFalse(lock.isHeldByCurrentThread());
    }
}
