package org.nativeipc.sync;

import static org.junit.jupiter.api.Assertions.*;
import static org.nativeipc.testing.ChildAssertions.assertExitsOk;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** Misuse of the locks gets clear exceptions; handles re-attach to the same object. */
class SharedLockMisuseTest extends SyncTestSupport {

    @Test
    void unlockByAnotherThreadOrProcessIsRefused() throws Exception {
        try (SharedLock lock = SharedLock.create()) {
            IllegalMonitorStateException free = assertThrows(IllegalMonitorStateException.class, lock::unlock);
            assertTrue(free.getMessage().contains("not locked"), free.getMessage());
            lock.lock();
            try {
                AtomicReference<Throwable> thrown = new AtomicReference<>();
                Thread other = new Thread(() -> {
                    try {
                        lock.unlock();
                    } catch (Throwable t) {
                        thrown.set(t);
                    }
                });
                other.start();
                other.join(WAIT.toMillis());
                assertInstanceOf(IllegalMonitorStateException.class, thrown.get());
                assertTrue(thrown.get().getMessage().contains("of this process holds it"), thrown.get().getMessage());

                assertExitsOk(start("intruder", () -> {
                    try {
                        lock.unlock();
                        System.exit(2);
                    } catch (IllegalMonitorStateException expected) {
                        if (!expected.getMessage().contains("held by pid")) {
                            throw expected;
                        }
                    }
                }));
                assertTrue(lock.isHeldByCurrentThread(), "a refused unlock changes nothing");
            } finally {
                lock.unlock();
            }
        }
    }

    @Test
    void relockingANonReentrantLockIsRefused() throws Exception {
        try (SharedLock lock = SharedLock.create()) {
            lock.lock();
            try {
                IllegalStateException e = assertThrows(IllegalStateException.class, lock::lock);
                assertTrue(e.getMessage().contains("SharedReentrantLock"), e.getMessage());
                assertThrows(IllegalStateException.class, lock::lockInterruptibly);
                assertFalse(lock.tryLock());
                assertFalse(lock.tryLock(10, TimeUnit.SECONDS), "cannot succeed, so returns at once");
            } finally {
                lock.unlock();
            }
        }
    }

    @Test
    void badArgumentsAreRefused() throws Exception {
        try (SharedLock lock = SharedLock.create(); SharedReentrantLock rlock = SharedReentrantLock.create()) {
            assertTrue(lock.tryLock(-1, TimeUnit.SECONDS), "a negative timeout tries once, as Lock.tryLock does");
            lock.unlock();
            assertTrue(rlock.tryLock(-5, TimeUnit.MILLISECONDS));
            rlock.unlock();
            assertThrows(NullPointerException.class, () -> lock.tryLock(1, null));
            assertThrows(IllegalArgumentException.class, () -> lock.setOwnerCheckInterval(Duration.ZERO));
            assertThrows(IllegalArgumentException.class, () -> lock.setOwnerCheckInterval(Duration.ofDays(1)));
            assertThrows(IllegalArgumentException.class, () -> lock.newCondition(0));
            assertFalse(lock.isLocked(), "refused calls change nothing");
        }
    }

    @Test
    void useAfterCloseIsRefusedAndCloseIsIdempotent() {
        SharedLock lock = SharedLock.create();
        lock.lock();
        assertThrows(IllegalStateException.class, lock::close, "closing while holding would leave it held");
        lock.unlock();
        lock.close();
        lock.close();
        assertTrue(lock.isClosed());
        IllegalStateException e = assertThrows(IllegalStateException.class, lock::lock);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertThrows(IllegalStateException.class, lock::tryLock);
        assertThrows(IllegalStateException.class, lock::ownerPid);
        assertTrue(lock.toString().contains("closed"), lock.toString());
    }

    @Test
    void aHandleResolvesToThisProcessesObject() throws Exception {
        try (SharedLock lock = SharedLock.create(); SharedReentrantLock rlock = SharedReentrantLock.create()) {
            assertSame(lock, roundTrip(lock), "one object per region per process");
            assertSame(rlock, roundTrip(rlock));
            SharedCondition condition = lock.newCondition();
            assertSame(condition, roundTrip(condition));
        }
    }

    @Test
    void ownerCheckIntervalIsSharedWithOtherProcesses() throws Exception {
        try (SharedLock lock = SharedLock.create()) {
            assertEquals(Duration.ofMillis(200), lock.ownerCheckInterval(), "the default");
            lock.setOwnerCheckInterval(Duration.ofMillis(75));
            assertExitsOk(start("reader", () -> {
                if (!lock.ownerCheckInterval().equals(Duration.ofMillis(75))) {
                    System.exit(2);
                }
            }));
        }
    }
}
