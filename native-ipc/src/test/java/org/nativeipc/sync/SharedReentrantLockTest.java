package org.nativeipc.sync;

import static org.junit.jupiter.api.Assertions.*;
import static org.nativeipc.testing.ChildAssertions.assertExitsOk;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.nativeipc.process.ChildProcess;

/** {@link SharedReentrantLock}: re-entry and hold counts, seen from another process. */
class SharedReentrantLockTest extends SyncTestSupport {
    /** Exit code of a child whose check failed. */
    private static final int FAILED = 3;

    @Test
    void reentryAndHoldCountsAcrossProcesses() throws Exception {
        try (SharedReentrantLock lock = SharedReentrantLock.create(); TestCounters steps = TestCounters.create(2)) {
            ChildProcess child = start("reentrant", () -> {
                for (int hold = 1; hold <= 3; hold++) {
                    lock.lock();
                    if (lock.getHoldCount() != hold) {
                        System.exit(FAILED);
                    }
                }
                if (!lock.tryLock() || !lock.tryLock(1, TimeUnit.SECONDS) || lock.getHoldCount() != 5) {
                    System.exit(FAILED + 1);
                }
                lock.unlock();
                lock.unlock();
                steps.set(0, 3);                            // holds 3 times
                steps.awaitValue(1, v -> v == 1, WAIT, "the parent to look");
                lock.unlock();
                lock.unlock();
                steps.set(0, 1);                            // holds once
                steps.awaitValue(1, v -> v == 2, WAIT, "the parent to look again");
                lock.unlock();
                if (lock.getHoldCount() != 0 || lock.isHeldByCurrentThread()) {
                    System.exit(FAILED + 2);
                }
                steps.set(0, 0);
            });
            steps.awaitValue(0, v -> v == 3, WAIT, "the child to hold the lock three times");
            assertHeldElsewhere(lock, child);
            steps.set(1, 1);
            steps.awaitValue(0, v -> v == 1, WAIT, "the child to drop to one hold");
            assertHeldElsewhere(lock, child);
            steps.set(1, 2);
            assertTrue(lock.tryLock(WAIT.toSeconds(), TimeUnit.SECONDS), "the child's last unlock did not release it");
            try {
                assertEquals(1, lock.getHoldCount());
                assertFalse(lock.previousOwnerDied());
            } finally {
                lock.unlock();
            }
            assertExitsOk(child);
        }
    }

    private static void assertHeldElsewhere(SharedReentrantLock lock, ChildProcess holder) throws InterruptedException {
        assertTrue(lock.isLocked());
        assertEquals(holder.pid(), lock.ownerPid());
        assertEquals(0, lock.getHoldCount(), "the parent holds nothing");
        assertFalse(lock.tryLock());
        assertFalse(lock.tryLock(50, TimeUnit.MILLISECONDS));
        assertThrows(IllegalMonitorStateException.class, lock::unlock, "only the holder may unlock");
    }

    @Test
    void reentryInOneThreadAndExclusionOfOthers() throws Exception {
        try (SharedReentrantLock lock = SharedReentrantLock.create()) {
            lock.lock();
            lock.lockInterruptibly();
            assertEquals(2, lock.getHoldCount());
            Thread other = new Thread(() -> assertFalse(lock.tryLock()));
            other.start();
            other.join(WAIT.toMillis());
            assertTrue(lock.toString().contains("hold count 2"), lock.toString());
            lock.unlock();
            assertTrue(lock.isLocked());
            lock.unlock();
            assertFalse(lock.isLocked());
            assertThrows(IllegalMonitorStateException.class, lock::unlock);
        }
    }
}
