package org.nativeipc.sync;

import static org.nativeipc.testing.ChildAssertions.assertExitsOk;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nativeipc.process.ChildProcess;
import org.nativeipc.process.ProcessTask;
import org.nativeipc.testing.Polling;

/**
 * A thread of another process blocked on a lock, semaphore, condition, barrier or event wakes
 * with an {@link IllegalStateException} when the creator closes the object (or exits, which
 * closes it), instead of waiting for something that will never happen.
 */
class CloseWakesWaitersTest extends SyncTestSupport {
    /** How long the test lets a child sit in its blocking call before closing under it. */
    private static final long BLOCKED_MILLIS = 300;
    private static final int NOT_WOKEN_BY_AN_ILLEGAL_STATE = 3;
    private static final int RETURNED = 4;

    @TempDir
    Path dir;

    @Test
    void aThreadBlockedInLockWakes() throws Exception {
        SharedLock lock = SharedLock.create();
        String held = dir.resolve("held").toString();
        start("holder", () -> {
            lock.lock();
            Polling.appendLine(held, "holding");
            Thread.sleep(FOREVER_MILLIS);
        });
        Polling.awaitFileLine(Path.of(held), WAIT);
        assertWakes(lock, lock::lock);
    }

    @Test
    void aThreadBlockedInAcquireWakes() throws Exception {
        SharedSemaphore semaphore = SharedSemaphore.create(0);
        assertWakes(semaphore, semaphore::acquire);
    }

    @Test
    void aThreadAwaitingAConditionWakesHoldingTheLock() throws Exception {
        SharedReentrantLock lock = SharedReentrantLock.create();
        SharedCondition condition = lock.newCondition();
        assertWakes(lock, () -> {
            lock.lock();
            try {
                condition.await();
            } finally {
                if (!lock.isHeldByCurrentThread()) {
                    System.exit(RETURNED + 1); // the Condition contract: await ends holding the lock
                }
            }
        });
    }

    @Test
    void aThreadAwaitingABarrierWakes() throws Exception {
        SharedBarrier barrier = SharedBarrier.create(2);
        assertWakes(barrier, barrier::await);
    }

    @Test
    void aThreadAwaitingAnEventWakes() throws Exception {
        SharedEvent event = SharedEvent.create();
        assertWakes(event, event::await);
    }

    private void assertWakes(AutoCloseable object, ProcessTask blocking) throws Exception {
        String report = dir.resolve("blocking").toString();
        ChildProcess child = start("blocked", () -> {
            Polling.appendLine(report, "blocking");
            try {
                blocking.run();
            } catch (IllegalStateException closed) {
                System.exit(0);
            } catch (Throwable other) {
                other.printStackTrace();
                System.exit(NOT_WOKEN_BY_AN_ILLEGAL_STATE);
            }
            System.exit(RETURNED);
        });
        Polling.awaitFileLine(Path.of(report), WAIT);
        Thread.sleep(BLOCKED_MILLIS);
        object.close();
        assertExitsOk(child);
    }
}
