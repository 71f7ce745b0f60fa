package org.nativeipc.sync;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.locks.Lock;

import org.nativeipc.internal.memory.SharedRegion;

/**
 * What {@link SharedLock} and {@link SharedReentrantLock} have in common: the region, the
 * robust mutex, state queries, conditions, closing and serialization. Not public (as
 * {@code AbstractStringBuilder} is not); its public methods are documented on both locks.
 */
abstract class AbstractSharedLock implements Lock, AutoCloseable, Serializable {
    private static final long serialVersionUID = 1L;

    final transient RegionLife life;
    final transient RobustMutex mutex;
    private final transient ConditionRegistry conditions = new ConditionRegistry();

    AbstractSharedLock(SharedRegion region, String typeName) {
        this.life = new RegionLife(region, typeName);
        this.mutex = new RobustMutex(region, SharedLockLayout.MUTEX_OFFSET);
    }

    /** For conditions: releases every hold of the current thread (which holds the lock); returns the hold count. */
    abstract int releaseForAwait();

    /** For conditions: re-acquires (uninterruptibly, without limit) and restores the hold count. */
    abstract void reacquireAfterAwait(int holds);

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

    /** The current holder's hold count if it is a thread of this process and known, else -1. */
    abstract int holdCountForDisplay();

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
     * @throws IllegalArgumentException if {@code maxWaiters} is not between 1 and
     *     {@link SharedCondition#MAX_WAITERS_LIMIT}
     */
    public SharedCondition newCondition(int maxWaiters) {
        SharedCondition.checkMaxWaiters(maxWaiters);
        life.checkOpen("newCondition()");
        return conditions.add(SharedCondition.create(this, maxWaiters));
    }

    // ---- state ---------------------------------------------------------------------------------

    /** True if some thread of some process holds the lock (or held it and died, not yet taken over). */
    public boolean isLocked() {
        life.checkOpen("isLocked()");
        return mutex.owner() != OwnerToken.NONE;
    }

    /** The pid of the process holding the lock; 0 when it is free. */
    public long ownerPid() {
        life.checkOpen("ownerPid()");
        return OwnerToken.pid(mutex.owner());
    }

    /** True if the current thread holds the lock. */
    public boolean isHeldByCurrentThread() {
        life.checkOpen("isHeldByCurrentThread()");
        return mutex.isHeldByCurrentThread();
    }

    /**
     * True while the current thread holds the lock and took it over from a process that died
     * holding it: what that process protected may be half-updated. False once fully unlocked.
     */
    public boolean previousOwnerDied() {
        life.checkOpen("previousOwnerDied()");
        return mutex.previousOwnerDied();
    }

    /** Estimate of the threads, in all processes, asleep waiting for the lock (spinners not counted). */
    public int getQueueLength() {
        life.checkOpen("getQueueLength()");
        return mutex.sleepers();
    }

    /** How many times, over the lock's life, a waiter took the lock over from a dead holder. */
    public long takeoverCount() {
        life.checkOpen("takeoverCount()");
        return mutex.takeovers();
    }

    /** How long a waiter waits before checking whether the holder lives, and how often after that. */
    public Duration ownerCheckInterval() {
        life.checkOpen("ownerCheckInterval()");
        return Duration.ofNanos(mutex.checkIntervalNanos());
    }

    /**
     * Sets the {@linkplain #ownerCheckInterval() owner check interval} for every process using
     * this lock (it is stored in the shared region); threads already waiting keep the interval
     * they started with. A dead holder is taken over within about this plus 20 ms.
     *
     * @throws IllegalArgumentException if not between 1 ms and 1 hour
     */
    public void setOwnerCheckInterval(Duration interval) {
        long nanos = Timeouts.checkInterval(interval);
        life.checkOpen("setOwnerCheckInterval(interval)");
        mutex.checkIntervalNanos(nanos);
    }

    // ---- lifecycle -----------------------------------------------------------------------------

    /** True once {@link #close()} ran in this process. */
    public boolean isClosed() {
        return life.isClosed();
    }

    /**
     * Closes this process's use of the lock and of the conditions created from it here; in the
     * creating process, also removes the region file (processes already attached keep working).
     * Harmless twice.
     *
     * @throws IllegalStateException if the current thread holds the lock (unlock first: closing
     *     would leave it held for as long as this process lives)
     */
    @Override
    public void close() {
        if (!life.isClosed() && mutex.isHeldByCurrentThread()) {
            throw new IllegalStateException("close() while thread '" + Thread.currentThread().getName()
                    + "' holds " + this + ": unlock it first");
        }
        if (life.close()) {
            conditions.closeAll();
        }
    }

    /** Live state: owner pid (and thread, if in this process), sleeping waiters, takeovers. */
    @Override
    public String toString() {
        return life.describe() + ", " + LockStates.describe(mutex, holdCountForDisplay()) + "]";
    }

    final Object writeReplace() {
        return new SyncHandle(life.region().handle(), null);
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw SyncHandle.proxyRequired(getClass());
    }
}
