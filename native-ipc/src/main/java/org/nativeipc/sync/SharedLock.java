package org.nativeipc.sync;

import java.io.Serializable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

import org.nativeipc.internal.memory.RegionHandle;
import org.nativeipc.internal.memory.RegionKind;
import org.nativeipc.internal.memory.SharedRegion;

/**
 * A mutual-exclusion lock shared by threads of any number of processes: Python's
 * {@code multiprocessing.Lock}, as a {@link Lock}, and robust where Python's is not — if the
 * process holding it dies (any signal, SIGKILL included), a waiter takes it over and is told.
 *
 * <pre>{@code
 * SharedLock lock = SharedLock.create();
 * new ChildProcess(() -> {
 *     lock.lock();
 *     try {
 *         if (lock.previousOwnerDied()) {
 *             repair();                 // the protected state may be half-written
 *         }
 *         work();
 *     } finally {
 *         lock.unlock();
 *     }
 * }).start();
 * }</pre>
 *
 * <p><b>Sharing.</b> The lock lives in a small shared-memory region ({@link SharedLockLayout}).
 * It travels to a child inside a task's captures (it serializes as a handle and re-attaches
 * there), and every process has one object per lock. The creating process owns the region:
 * its {@link #close()} (or its exit) removes the file, after which no new process can attach;
 * processes already attached keep working.
 *
 * <p><b>Ownership.</b> The lock is held by a thread: only that thread may unlock it
 * ({@link IllegalMonitorStateException} otherwise, as with {@code ReentrantLock}). It is not
 * reentrant: {@link #lock()} by the holding thread throws instead of waiting forever
 * ({@link SharedReentrantLock} is reentrant). {@link #newCondition()} gives conditions usable
 * across processes.
 *
 * <p><b>Cost and memory ordering.</b> An uncontended lock/unlock pair is one compare-and-set
 * and one release store on the lock word, and no system call. An unlock happens-before the
 * next successful lock in any process (release store, then compare-and-set on the same word).
 * Waiters spin briefly, then sleep on a futex; an unlock makes a system call only when a waiter
 * sleeps. Not fair: a running thread may take the lock before a woken one.
 *
 * <p><b>Crash behaviour.</b> The lock word records the holder's pid and start time. A waiter
 * that has waited {@link #ownerCheckInterval()} (default 200 ms) checks, once per interval,
 * whether the holder process still runs — a dead, zombie or recycled pid counts as gone — and
 * if not takes the lock over: within the interval plus 20 ms of the death when a waiter is
 * already waiting. The new holder sees {@link #previousOwnerDied()} true until it unlocks.
 * A thread that dies holding the lock in a process that lives on keeps it held, as with
 * {@code ReentrantLock}.
 */
public final class SharedLock extends AbstractSharedLock implements Lock, AutoCloseable, Serializable {
    private static final long serialVersionUID = 1L;

    private SharedLock(SharedRegion region) {
        super(region, "SharedLock");
    }

    /** Creates an unlocked lock in a new shared-memory region owned by this process. */
    public static SharedLock create() {
        return RegionLife.create(RegionKind.LOCK, SharedLockLayout.VERSION, SharedLockLayout.PAYLOAD_BYTES,
                region -> RobustMutex.initialize(region, SharedLockLayout.MUTEX_OFFSET), SharedLock::new);
    }

    static SharedLock attach(RegionHandle handle) {
        return RegionLife.attach(handle, SharedLockLayout.VERSION, SharedLock.class, SharedLock::new);
    }

    /**
     * Acquires the lock, waiting as long as it takes; an interrupt does not stop the wait (it
     * stays pending).
     *
     * @throws IllegalStateException if the current thread already holds this (non-reentrant) lock
     */
    @Override
    public void lock() {
        life.checkOpen("lock()");
        if (!mutex.tryLock()) {
            refuseRelock("lock()");
            mutex.lockUninterruptibly();
        }
    }

    /**
     * Acquires the lock unless the thread is interrupted first.
     *
     * @throws InterruptedException if interrupted before or while waiting
     * @throws IllegalStateException if the current thread already holds this lock
     */
    @Override
    public void lockInterruptibly() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        life.checkOpen("lockInterruptibly()");
        if (!mutex.tryLock()) {
            refuseRelock("lockInterruptibly()");
            mutex.lock(Long.MAX_VALUE, true);
        }
    }

    /** Acquires the lock if it is free now; false otherwise (also if this thread holds it). */
    @Override
    public boolean tryLock() {
        life.checkOpen("tryLock()");
        return mutex.tryLock();
    }

    /**
     * Acquires the lock if it becomes free within {@code time}. Returns false at once if the
     * current thread holds it (waiting could not help).
     *
     * @throws IllegalArgumentException if {@code time} is negative
     * @throws InterruptedException if interrupted before or while waiting
     */
    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        long nanos = Timeouts.toNanos(time, unit);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        life.checkOpen("tryLock(time, unit)");
        if (mutex.tryLock()) {
            return true;
        }
        return !mutex.isHeldByCurrentThread() && mutex.lock(nanos, true);
    }

    /**
     * Releases the lock; wakes one sleeping waiter if there is one.
     *
     * @throws IllegalMonitorStateException if the current thread does not hold the lock
     */
    @Override
    public void unlock() {
        life.checkOpen("unlock()");
        mutex.unlock();
    }

    @Override
    int releaseForAwait() {
        mutex.unlock();
        return 1;
    }

    @Override
    void reacquireAfterAwait(int holds) {
        mutex.lockUninterruptibly();
    }

    @Override
    int holdCountForDisplay() {
        return -1;
    }

    private void refuseRelock(String operation) {
        if (mutex.isHeldByCurrentThread()) {
            throw new IllegalStateException(operation + " by thread '" + Thread.currentThread().getName()
                    + "', which already holds this SharedLock: it is not reentrant, so this would wait forever"
                    + " (use SharedReentrantLock to lock again while holding)");
        }
    }
}
