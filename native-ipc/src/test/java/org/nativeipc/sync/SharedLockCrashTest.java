package org.nativeipc.sync;

import static org.junit.jupiter.api.Assertions.*;
import static org.nativeipc.testing.ChildAssertions.assertExitCode;
import static org.nativeipc.testing.ChildAssertions.assertExitsOk;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.nativeipc.internal.wait.EventCount;
import org.nativeipc.process.ChildProcess;

/** A holder killed with SIGKILL inside its critical section: the lock is taken over and the taker told. */
class SharedLockCrashTest extends SyncTestSupport {
    /** Exit code of a child whose check failed. */
    private static final int FAILED = 3;

    /** The taker is another child, already waiting when the holder dies. */
    @Test
    void waitingProcessTakesOverFromKilledHolder() throws Exception {
        try (SharedLock lock = SharedLock.create(); TestCounters counters = TestCounters.create(3)) {
            ChildProcess holder = start("holder", holdAndHang(lock, counters));
            counters.awaitValue(1, v -> v == 1, WAIT, "the holder to enter its critical section");
            long bound = takeoverBound(lock).toMillis();
            ChildProcess taker = start("taker", () -> {
                long start = System.nanoTime();
                if (!lock.tryLock(bound + TAKEOVER_SLACK.toMillis(), TimeUnit.MILLISECONDS)) {
                    System.exit(FAILED);
                }
                try {
                    counters.set(2, millisSince(start));
                    if (!lock.previousOwnerDied() || counters.get(0) != 1) {
                        System.exit(FAILED + 1);
                    }
                    counters.set(0, 2);
                } finally {
                    lock.unlock();
                }
            });
            TestCounters.awaitTrue(() -> lock.getQueueLength() == 1, WAIT, "the taker to sleep waiting for the lock");
            holder.kill();
            assertExitCode(-9, holder);
            assertExitsOk(taker);
            assertEquals(2, counters.get(0), "the taker repaired the half-written state");
            assertEquals(1, lock.takeoverCount());
            assertFalse(lock.isLocked());
            System.out.println("takeover by a waiting process: " + counters.get(2) + " ms after it began waiting (bound " + bound + " ms)");
        }
    }

    /** The taker comes after the death, in the creating process; it is told until it unlocks. */
    @Test
    void laterLockerTakesOverFromKilledHolderAndIsTold() throws Exception {
        try (SharedLock lock = SharedLock.create(); TestCounters counters = TestCounters.create(2)) {
            lock.setOwnerCheckInterval(Duration.ofMillis(50));
            ChildProcess holder = start("holder", holdAndHang(lock, counters));
            counters.awaitValue(1, v -> v == 1, WAIT, "the holder to enter its critical section");
            holder.kill();
            assertExitCode(-9, holder);
            assertTrue(lock.isLocked(), "the dead holder's token stays until someone takes over");
            assertTrue(lock.toString().contains("dead"), lock.toString());

            assertTrue(lock.tryLock(takeoverBound(lock).plus(TAKEOVER_SLACK).toMillis(), TimeUnit.MILLISECONDS),
                    "the lock of a dead holder was not taken over");
            try {
                assertTrue(lock.previousOwnerDied());
                assertEquals(1, counters.get(0), "the half-written state is visible to the taker");
            } finally {
                lock.unlock();
            }
            assertFalse(lock.previousOwnerDied());
            lock.lock();
            try {
                assertFalse(lock.previousOwnerDied(), "only the taker is told");
            } finally {
                lock.unlock();
            }
        }
    }

    /** Re-entrant lock: the dead holder held it three times; the taker holds it once and is told. */
    @Test
    void reentrantLockOfKilledHolderIsTakenOver() throws Exception {
        try (SharedReentrantLock lock = SharedReentrantLock.create(); TestCounters counters = TestCounters.create(2)) {
            lock.setOwnerCheckInterval(Duration.ofMillis(50));
            ChildProcess holder = start("holder", () -> {
                lock.lock();
                lock.lock();
                lock.lock();
                counters.set(1, 1);
                Thread.sleep(FOREVER_MILLIS);
            });
            counters.awaitValue(1, v -> v == 1, WAIT, "the holder to lock three times");
            AtomicReference<Object> outcome = new AtomicReference<>();
            Thread waiter = new Thread(() -> {
                lock.lock();
                outcome.set(lock.previousOwnerDied() + "/" + lock.getHoldCount());
                lock.unlock();
            });
            waiter.start();
            TestCounters.awaitTrue(() -> lock.getQueueLength() == 1, WAIT, "the waiter to sleep in lock()");
            holder.kill();
            waiter.join(takeoverBound(lock).plus(TAKEOVER_SLACK).toMillis());
            assertFalse(waiter.isAlive(), "lock of a dead holder was not taken over");
            assertEquals("true/1", outcome.get(), "previousOwnerDied/holdCount of the taker");
            assertFalse(lock.isLocked());
        }
    }

    /** Holds the lock, writes half of its state, announces it, and hangs until killed. */
    private static org.nativeipc.process.ProcessTask holdAndHang(SharedLock lock, TestCounters counters) {
        return () -> {
            lock.lock();
            counters.set(0, 1);
            counters.set(1, 1);
            Thread.sleep(FOREVER_MILLIS);
            lock.unlock();
        };
    }

    /** Check interval plus one sleep slice. */
    private static Duration takeoverBound(AbstractSharedLock lock) {
        return lock.ownerCheckInterval().plusNanos(EventCount.SLEEP_SLICE_NANOS);
    }
}
