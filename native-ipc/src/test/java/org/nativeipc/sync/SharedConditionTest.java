package org.nativeipc.sync;

import static org.junit.jupiter.api.Assertions.*;
import static org.nativeipc.testing.ChildAssertions.assertAllExitOk;
import static org.nativeipc.testing.ChildAssertions.assertExitCode;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.nativeipc.process.ChildProcess;

/** {@link SharedCondition} across processes: signal, signalAll, timeouts, interrupts, dead waiters. */
class SharedConditionTest extends SyncTestSupport {
    private static final int WOKEN = 0;

    @Test
    void signalWakesOneAndSignalAllWakesTheRestAcrossProcesses() throws Exception {
        try (SharedLock lock = SharedLock.create(); TestCounters counters = TestCounters.create(1)) {
            SharedCondition condition = lock.newCondition();
            for (int i = 0; i < 3; i++) {
                start("waiter-" + i, () -> {
                    lock.lock();
                    try {
                        if (!condition.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                            System.exit(3);
                        }
                        counters.add(WOKEN, 1);
                    } finally {
                        lock.unlock();
                    }
                });
            }
            TestCounters.awaitTrue(() -> condition.getWaitQueueLength() == 3, WAIT, "three children waiting");
            assertTrue(condition.toString().contains("3 of 64 slots waiting"), condition.toString());
            lock.lock();
            try {
                condition.signal();
            } finally {
                lock.unlock();
            }
            counters.awaitValue(WOKEN, v -> v == 1, WAIT, "one child to wake");
            Thread.sleep(100);
            assertEquals(1, counters.get(WOKEN), "signal() woke more than one waiter");
            assertEquals(2, condition.getWaitQueueLength());

            lock.lock();
            try {
                condition.signalAll();
            } finally {
                lock.unlock();
            }
            assertAllExitOk(children);
            assertEquals(3, counters.get(WOKEN));
        }
    }

    /** A waiter in a child waits for a predicate the parent makes true (reentrant lock, holds restored). */
    @Test
    void predicateLoopWithReentrantLock() throws Exception {
        try (SharedReentrantLock lock = SharedReentrantLock.create(); TestCounters counters = TestCounters.create(2)) {
            SharedCondition ready = lock.newCondition();
            ChildProcess consumer = start("consumer", () -> {
                lock.lock();
                lock.lock();
                try {
                    while (counters.get(0) == 0) {
                        ready.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                    }
                    if (lock.getHoldCount() != 2) {
                        System.exit(3);
                    }
                    counters.set(1, counters.get(0));
                } finally {
                    lock.unlock();
                    lock.unlock();
                }
            });
            TestCounters.awaitTrue(() -> ready.getWaitQueueLength() == 1, WAIT, "the consumer to wait");
            lock.lock();
            try {
                counters.set(0, 42);
                ready.signal();
            } finally {
                lock.unlock();
            }
            assertExitCode(0, consumer);
            assertEquals(42, counters.get(1));
        }
    }

    /** A signal that lands on a waiter whose process was killed reaches a live waiter anyway. */
    @Test
    void signalIsNotLostToADeadWaiter() throws Exception {
        try (SharedLock lock = SharedLock.create()) {
            lock.setOwnerCheckInterval(java.time.Duration.ofMillis(50));
            SharedCondition condition = lock.newCondition();
            ChildProcess doomed = start("doomed", () -> {
                lock.lock();
                try {
                    condition.await();
                } finally {
                    lock.unlock();
                }
            });
            TestCounters.awaitTrue(() -> condition.getWaitQueueLength() == 1, WAIT, "the child to wait");
            doomed.kill();
            assertExitCode(-9, doomed);

            AtomicReference<Boolean> signalled = new AtomicReference<>();
            Thread live = new Thread(() -> {
                lock.lock();
                try {
                    signalled.set(condition.await(WAIT.toSeconds(), TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    signalled.set(false);
                } finally {
                    lock.unlock();
                }
            });
            live.start();
            TestCounters.awaitTrue(() -> condition.getWaitQueueLength() == 2, WAIT, "the thread to wait behind the dead child");
            lock.lock();
            try {
                condition.signal();                       // goes to the dead child: it waited longest
            } finally {
                lock.unlock();
            }
            live.join(WAIT.toMillis());
            assertEquals(Boolean.TRUE, signalled.get(), "the live waiter did not get the signal");
        }
    }

    @Test
    void awaitTimesOutAndReacquires() throws Exception {
        try (SharedLock lock = SharedLock.create()) {
            SharedCondition condition = lock.newCondition();
            lock.lock();
            try {
                assertFalse(condition.await(50, TimeUnit.MILLISECONDS));
                assertTrue(lock.isHeldByCurrentThread());
                assertTrue(condition.awaitNanos(TimeUnit.MILLISECONDS.toNanos(20)) <= 0);
                assertFalse(condition.awaitUntil(new java.util.Date(System.currentTimeMillis() - 1000)));
                assertEquals(0, condition.getWaitQueueLength(), "timed-out waiters leave their slots");
            } finally {
                lock.unlock();
            }
        }
    }

    @Test
    void interruptEndsAwaitWithTheLockHeld() throws Exception {
        try (SharedLock lock = SharedLock.create()) {
            SharedCondition condition = lock.newCondition();
            AtomicReference<String> outcome = new AtomicReference<>();
            Thread waiter = new Thread(() -> {
                lock.lock();
                try {
                    condition.await();
                    outcome.set("returned");
                } catch (InterruptedException e) {
                    outcome.set("interrupted, holding=" + lock.isHeldByCurrentThread());
                } finally {
                    lock.unlock();
                }
            });
            waiter.start();
            TestCounters.awaitTrue(() -> condition.getWaitQueueLength() == 1, WAIT, "the thread to wait");
            waiter.interrupt();
            waiter.join(WAIT.toMillis());
            assertEquals("interrupted, holding=true", outcome.get());
            assertEquals(0, condition.getWaitQueueLength());
        }
    }

    @Test
    void misuseIsRefused() throws Exception {
        try (SharedLock lock = SharedLock.create()) {
            SharedCondition condition = lock.newCondition(2);
            assertThrows(IllegalMonitorStateException.class, condition::await);
            assertThrows(IllegalMonitorStateException.class, condition::signal);
            assertThrows(IllegalMonitorStateException.class, condition::signalAll);
            lock.lock();
            try {
                assertFalse(condition.await(-1, TimeUnit.SECONDS), "a negative timeout does not wait, as Condition.await");
                assertTrue(condition.awaitNanos(-1) <= 0);
                assertTrue(lock.isHeldByCurrentThread(), "the lock is held again after a timed-out await");
            } finally {
                lock.unlock();
            }
            assertEquals(2, condition.maxWaiters());
            lock.close();
            assertTrue(condition.isClosed(), "a lock's close closes the conditions made from it");
        }
    }
}
