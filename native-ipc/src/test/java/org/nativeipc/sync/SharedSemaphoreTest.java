package org.nativeipc.sync;

import static org.junit.jupiter.api.Assertions.*;
import static org.nativeipc.testing.ChildAssertions.assertAllExitOk;
import static org.nativeipc.testing.ChildAssertions.assertExitCode;
import static org.nativeipc.testing.ChildAssertions.assertExitsOk;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.nativeipc.process.ChildProcess;
import org.nativeipc.process.CurrentProcess;

/** {@link SharedSemaphore} across processes: limits, bounds, timeouts, interrupts, dead holders. */
class SharedSemaphoreTest extends SyncTestSupport {
    private static final int INSIDE = 0;
    private static final int MOST_INSIDE = 1;

    /** Four processes, two permits: never more than two inside at once. */
    @Test
    void permitsLimitHowManyProcessesAreInside() throws Exception {
        int rounds = 5;
        try (SharedSemaphore semaphore = SharedSemaphore.create(2); TestCounters counters = TestCounters.create(2)) {
            for (int p = 0; p < 4; p++) {
                start("user-" + p, () -> {
                    for (int r = 0; r < rounds; r++) {
                        semaphore.acquire();
                        try {
                            counters.raiseTo(MOST_INSIDE, counters.add(INSIDE, 1));
                            Thread.sleep(10);
                            counters.add(INSIDE, -1);
                        } finally {
                            semaphore.release();
                        }
                    }
                });
            }
            assertAllExitOk(children);
            assertTrue(counters.get(MOST_INSIDE) <= 2, "more than 2 inside at once: " + counters.get(MOST_INSIDE));
            assertEquals(2, semaphore.availablePermits());
            assertTrue(semaphore.toString().contains("held by nobody"), semaphore.toString());
        }
    }

    /** A holder killed with SIGKILL: its permit comes back to a waiting process, which is told. */
    @Test
    void permitOfAKilledHolderIsRecoveredAndTheTakerIsTold() throws Exception {
        try (SharedSemaphore semaphore = SharedSemaphore.createBounded(1); TestCounters counters = TestCounters.create(2)) {
            ChildProcess holder = start("holder", () -> {
                semaphore.acquire();
                counters.set(0, 1);
                Thread.sleep(FOREVER_MILLIS);
            });
            counters.awaitValue(0, v -> v == 1, WAIT, "the holder to take the permit");
            assertTrue(semaphore.toString().contains("pid " + holder.pid() + ": 1"), semaphore.toString());
            long bound = semaphore.ownerCheckInterval().plusMillis(20).plus(TAKEOVER_SLACK).toMillis();
            ChildProcess taker = start("taker", () -> {
                if (!semaphore.tryAcquire(bound, TimeUnit.MILLISECONDS)) {
                    System.exit(3);
                }
                if (!semaphore.previousHolderDied()) {
                    System.exit(4);
                }
                counters.set(1, CurrentProcess.pid());
                semaphore.release();
            });
            TestCounters.awaitTrue(() -> semaphore.getQueueLength() == 1, WAIT, "the taker to sleep");
            holder.kill();
            assertExitCode(-9, holder);
            assertExitsOk(taker);
            assertEquals(taker.pid(), counters.get(1));
            assertEquals(1, semaphore.recoveredPermits());
            assertEquals(1, semaphore.availablePermits());
            assertTrue(semaphore.tryAcquire());
            assertFalse(semaphore.previousHolderDied(), "only the taker of the recovered permit is told");
            semaphore.release();
        }
    }

    @Test
    void boundedSemaphoreRefusesReleasesBeyondItsStart() throws Exception {
        try (SharedSemaphore bounded = SharedSemaphore.createBounded(1); SharedSemaphore open = SharedSemaphore.create(0)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, bounded::release);
            assertTrue(e.getMessage().contains("released more times than acquired"), e.getMessage());
            bounded.acquire();
            assertExitsOk(start("releaser", bounded::release));     // another process may release it
            assertEquals(1, bounded.availablePermits());
            assertThrows(IllegalStateException.class, bounded::release);
            assertThrows(IllegalArgumentException.class, () -> bounded.acquire(2), "can never have 2");

            open.release(3);
            assertEquals(3, open.availablePermits(), "an unbounded semaphore grows");
            assertTrue(open.tryAcquire(3));
            assertFalse(open.isBounded());
            assertTrue(bounded.isBounded());
        }
    }

    @Test
    void timeoutsAndMultiplePermits() throws Exception {
        try (SharedSemaphore semaphore = SharedSemaphore.create(1)) {
            assertFalse(semaphore.tryAcquire(2));
            assertFalse(semaphore.tryAcquire(2, 50, TimeUnit.MILLISECONDS));
            assertFalse(semaphore.tryAcquire(2, -1, TimeUnit.SECONDS), "a negative timeout tries once");
            assertThrows(IllegalArgumentException.class, () -> semaphore.acquire(0));
            assertThrows(IllegalArgumentException.class, () -> semaphore.release(-1));
            assertExitsOk(start("giver", () -> {
                Thread.sleep(50);
                semaphore.release();
            }));
            assertTrue(semaphore.tryAcquire(2, WAIT.toSeconds(), TimeUnit.SECONDS), "two permits after the child's release");
            assertEquals(0, semaphore.availablePermits());
            assertFalse(semaphore.tryAcquire(0, TimeUnit.SECONDS));
            semaphore.release(2);
        }
    }

    @Test
    void interruptOfABlockedAcquire() throws Exception {
        try (SharedSemaphore semaphore = SharedSemaphore.create(0)) {
            assertInterruptEnds(semaphore::acquire, () -> semaphore.getQueueLength() == 1, "acquire()");
            assertEquals(0, semaphore.availablePermits());
        }
    }

    @Test
    void useAfterCloseAndBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> SharedSemaphore.create(-1));
        SharedSemaphore semaphore = SharedSemaphore.create(1);
        assertThrows(IllegalArgumentException.class, () -> semaphore.setOwnerCheckInterval(Duration.ofNanos(1)));
        semaphore.close();
        semaphore.close();
        assertThrows(IllegalStateException.class, semaphore::tryAcquire);
        assertThrows(IllegalStateException.class, semaphore::release);
    }
}
