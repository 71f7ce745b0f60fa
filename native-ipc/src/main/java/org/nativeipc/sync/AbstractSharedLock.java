package org.nativeipc.sync;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

import org.nativeipc.internal.liveness.Liveness;
import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.internal.object.ObjectType;
import org.nativeipc.internal.object.Timeouts;

/**
 * What {@link SharedLock} and {@link SharedReentrantLock} have in common: the {@link Lock}
 * methods over the robust mutex, state queries, conditions, closing. The two differ only in
 * what happens when the holding thread locks again (hooks {@link #tryAcquire()},
 * {@link #beforeWaiting}, {@link #acquired()}, {@link #release()}).
 */
abstract class AbstractSharedLock extends RobustSyncObject implements Lock {
    private static final long serialVersionUID = 1L;

    private final transient ConditionRegistry conditions = new ConditionRegistry();

    AbstractSharedLock(SharedRegion region, ObjectType<?> type) {
        super(region, type, SharedLockLayout.MUTEX_OFFSET);
    }

    /** One attempt without waiting (a reentrant lock also succeeds if this thread holds it). */
    abstract boolean tryAcquire();

    /** Before waiting: refuses what could never succeed (a non-reentrant re-lock). */
    abstract void beforeWaiting(String operation);

    /** After the mutex was acquired by waiting. */
    abstract void acquired();

    /** Releases one hold of the current thread, which holds the lock. */
    abstract void release();

    /** For conditions: releases every hold of the current thread (which holds the lock); returns the hold count. */
    abstract int releaseForAwait();

    /** For conditions: re-acquires (uninterruptibly, without limit) and restores the hold count. */
    abstract void reacquireAfterAwait(int holds);

    /** The current holder's hold count if it is a thread of this process and known, else -1. */
    abstract int holdCountForDisplay();

    // ---- Lock ----------------------------------------------------------------------------------

    /**
     * Acquires the lock, waiting as long as it takes; an interrupt does not stop the wait (it
     * stays pending). A dead holder's lock is taken over (see {@link #previousOwnerDied()}).
     *
     * @throws IllegalStateException if this is a {@link SharedLock} the current thread already
     *     holds (it is not reentrant: the call would wait forever)
     */
    @Override
    public void lock() {
        life.checkOpen("lock()");
        if (!tryAcquire()) {
            beforeWaiting("lock()");
            mutex.lockUninterruptibly();
            acquired();
        }
    }

    /**
     * Acquires the lock unless the thread is interrupted first.
     *
     * @throws InterruptedException if interrupted before or while waiting
     * @throws IllegalStateException if this is a {@link SharedLock} the current thread already holds
     */
    @Override
    public void lockInterruptibly() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        life.checkOpen("lockInterruptibly()");
        if (!tryAcquire()) {
            beforeWaiting("lockInterruptibly()");
            mutex.lock(Long.MAX_VALUE, true);
            acquired();
        }
    }

    /**
     * Acquires the lock if it is free now (or, for a {@link SharedReentrantLock}, held by the
     * current thread); false otherwise.
     */
    @Override
    public boolean tryLock() {
        life.checkOpen("tryLock()");
        return tryAcquire();
    }

    /**
     * Acquires the lock if it becomes free within {@code time} (zero or less: only if it is free
     * now, as {@link #tryLock()}). A {@link SharedLock} held by the current thread returns false
     * at once (waiting could not help).
     *
     * @throws InterruptedException if interrupted before or while waiting
     */
    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        long nanos = Timeouts.toNanos(time, unit);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        life.checkOpen("tryLock(time, unit)");
        if (tryAcquire()) {
            return true;
        }
        if (mutex.isHeldByCurrentThread() || !mutex.lock(nanos, true)) {
            return false;
        }
        acquired();
        return true;
    }

    /**
     * Releases the lock (one hold of a {@link SharedReentrantLock}); the last release wakes one
     * sleeping waiter if there is one.
     *
     * @throws IllegalMonitorStateException if the current thread does not hold the lock
     */
    @Override
    public void unlock() {
        life.checkOpen("unlock()");
        release();
    }

    // ---- conditions ----------------------------------------------------------------------------

    /**
     * A new condition bound to this lock, usable from every process this lock reaches (it
     * travels to children the same way). At most {@link SharedCondition#DEFAULT_MAX_WAITERS}
     * threads can await it at once. Its region is owned by this process and closed with this lock.
     */
    @Override
    public SharedCondition newCondition() {
        return newCondition(SharedCondition.DEFAULT_MAX_WAITERS);
    }

    /**
     * A new condition that at most {@code maxWaiters} threads (all processes together) can await at
     * once.
     *
     * @param maxWaiters most threads, across processes, that may wait at once
     * @return the new condition, bound to this lock
     * @throws IllegalArgumentException if {@code maxWaiters} is not between 1 and
     *    {@link SharedCondition#MAX_WAITERS_LIMIT}
     */
    public SharedCondition newCondition(int maxWaiters) {
        SharedCondition.checkMaxWaiters(maxWaiters);
        life.checkOpen("newCondition()");
        return conditions.add(SharedCondition.create(this, maxWaiters));
    }

    /**
     * For conditions: throws unless the current thread holds the lock.
     *
     * @throws IllegalMonitorStateException naming the operation and the holder
     */
    final void checkHeld(String operation) {
        life.checkOpen(operation);
        if (!mutex.isHeldByCurrentThread()) {
            throw mutex.notHeld(operation);
        }
    }

    // ---- state ---------------------------------------------------------------------------------

    /**
     * True if some thread of some process holds the lock (or held it and died, not yet taken over).
     *
     * @return true if some thread of some process holds the lock (or held it and died, not yet taken over)
     */
    public boolean isLocked() {
        life.checkOpen("isLocked()");
        return mutex.owner() != Liveness.NOBODY;
    }

    /**
     * The pid of the process holding the lock, as that process sees it (in another PID namespace
     * it may be a pid that means another process here).
     *
     * @return the holder's pid; 0 when the lock is free; -1 if the holder died and nothing
     *     records its pid any more
     */
    public long ownerPid() {
        life.checkOpen("ownerPid()");
        long owner = mutex.owner();
        return owner == Liveness.NOBODY ? 0 : Liveness.pidOf(owner);
    }

    /**
     * True if the current thread holds the lock.
     *
     * @return true if the current thread holds the lock
     */
    public boolean isHeldByCurrentThread() {
        life.checkOpen("isHeldByCurrentThread()");
        return mutex.isHeldByCurrentThread();
    }

    /**
     * True while the current thread holds the lock and took it over from a process that died
     * holding it: what that process protected may be half-updated. False once fully unlocked.
     *
     * @return true while the current thread holds the lock and took it over from a process that died holding it
     */
    public boolean previousOwnerDied() {
        life.checkOpen("previousOwnerDied()");
        return mutex.previousOwnerDied();
    }

    /**
     * Estimate of the threads, in all processes, asleep waiting for the lock (spinners not counted).
     *
     * @return an estimate of the threads asleep waiting for the lock
     */
    public int getQueueLength() {
        life.checkOpen("getQueueLength()");
        return mutex.sleepers();
    }

    /**
     * How many times, over the lock's life, a waiter took the lock over from a dead holder.
     *
     * @return how many times, over the lock's life, a waiter took the lock over from a dead holder
     */
    public long takeoverCount() {
        life.checkOpen("takeoverCount()");
        return mutex.takeovers();
    }

    // ---- lifecycle -----------------------------------------------------------------------------

    /**
     * Refuses to close while the current thread holds the lock (closing would leave it held for
     * as long as this process lives): unlock first.
     */
    @Override
    void beforeClose() {
        if (mutex.isHeldByCurrentThread()) {
            throw new IllegalStateException("close() while thread '" + Thread.currentThread().getName()
                    + "' holds " + this + ": unlock it first");
        }
    }

    /** The conditions created from this lock in this process close with it. */
    @Override
    void afterClose() {
        conditions.closeAll();
    }

    /** Live state: owner pid (and thread, if in this process), sleeping waiters, takeovers. */
    @Override
    public String toString() {
        return life.describe() + ", " + SyncStates.describe(mutex, holdCountForDisplay()) + "]";
    }
}
