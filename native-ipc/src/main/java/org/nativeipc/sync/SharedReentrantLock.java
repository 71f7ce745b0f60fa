package org.nativeipc.sync;

import java.io.Serializable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

import org.nativeipc.internal.memory.RegionHandle;
import org.nativeipc.internal.memory.RegionKind;
import org.nativeipc.internal.memory.SharedRegion;

/**
 * A reentrant lock shared by threads of any number of processes: Python's
 * {@code multiprocessing.RLock}, as a {@link Lock} in the manner of
 * {@link java.util.concurrent.locks.ReentrantLock}. The holding thread may lock it again; it
 * is released when unlocked as many times as locked ({@link #getHoldCount()}).
 *
 * <p>Everything else is as for {@link SharedLock}: sharing with children as a handle, one
 * object per process, the same region layout ({@link SharedLockLayout}), cost (a first lock
 * is a compare-and-set, a last unlock a release store; re-entry touches no shared memory), memory
 * ordering, conditions across processes, and crash behaviour — if the holding process dies, a
 * waiter takes the lock over within the {@linkplain #ownerCheckInterval() check interval} plus
 * 20 ms, holds it once ({@code getHoldCount() == 1}) and sees {@link #previousOwnerDied()}
 * true until it fully unlocks. The hold count is kept in the holding process: only its
 * threads can hold the lock, and only the holding thread can ask.
 */
public final class SharedReentrantLock extends AbstractSharedLock implements Lock, AutoCloseable, Serializable {
    private static final long serialVersionUID = 1L;

    /** Holds of the owning thread; touched only by the thread that holds the lock. */
    private transient int holds;

    private SharedReentrantLock(SharedRegion region) {
        super(region, "SharedReentrantLock");
    }

    /** Creates an unlocked reentrant lock in a new shared-memory region owned by this process. */
    public static SharedReentrantLock create() {
        return RegionLife.create(RegionKind.REENTRANT_LOCK, SharedLockLayout.VERSION, SharedLockLayout.PAYLOAD_BYTES,
                region -> RobustMutex.initialize(region, SharedLockLayout.MUTEX_OFFSET), SharedReentrantLock::new);
    }

    static SharedReentrantLock attach(RegionHandle handle) {
        return RegionLife.attach(handle, SharedLockLayout.VERSION, SharedReentrantLock.class, SharedReentrantLock::new);
    }

    /**
     * Acquires the lock (again, if this thread holds it), waiting as long as it takes; an
     * interrupt does not stop the wait (it stays pending).
     *
     * @throws IllegalStateException if the hold count would overflow
     */
    @Override
    public void lock() {
        life.checkOpen("lock()");
        if (!reenter()) {
            mutex.lockUninterruptibly();
            holds = 1;
        }
    }

    /**
     * Acquires the lock (again, if this thread holds it) unless the thread is interrupted first.
     *
     * @throws InterruptedException if interrupted before or while waiting
     */
    @Override
    public void lockInterruptibly() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        life.checkOpen("lockInterruptibly()");
        if (!reenter()) {
            mutex.lock(Long.MAX_VALUE, true);
            holds = 1;
        }
    }

    /** Acquires the lock if it is free now or held by this thread; false otherwise. */
    @Override
    public boolean tryLock() {
        life.checkOpen("tryLock()");
        return reenter();
    }

    /**
     * Acquires the lock if it is held by this thread or becomes free within {@code time}.
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
        if (reenter()) {
            return true;
        }
        if (!mutex.lock(nanos, true)) {
            return false;
        }
        holds = 1;
        return true;
    }

    /**
     * Releases one hold; the last releases the lock and wakes one sleeping waiter if there is one.
     *
     * @throws IllegalMonitorStateException if the current thread does not hold the lock
     */
    @Override
    public void unlock() {
        life.checkOpen("unlock()");
        if (!mutex.isHeldByCurrentThread()) {
            throw mutex.notHeld("unlock");
        }
        if (--holds == 0) {
            mutex.unlock();
        }
    }

    /** How many times the current thread holds the lock: 0 if it does not. */
    public int getHoldCount() {
        life.checkOpen("getHoldCount()");
        return mutex.isHeldByCurrentThread() ? holds : 0;
    }

    /** One more hold if this thread holds the lock, or the first if it is free now. */
    private boolean reenter() {
        if (mutex.isHeldByCurrentThread()) {
            if (holds == Integer.MAX_VALUE) {
                throw new IllegalStateException("hold count of " + this + " would overflow: unlock as often as you lock");
            }
            holds++;
            return true;
        }
        if (mutex.tryLock()) {
            holds = 1;
            return true;
        }
        return false;
    }

    @Override
    int releaseForAwait() {
        int saved = holds;
        holds = 0;
        mutex.unlock();
        return saved;
    }

    @Override
    void reacquireAfterAwait(int saved) {
        mutex.lockUninterruptibly();
        holds = saved;
    }

    @Override
    int holdCountForDisplay() {
        return holds;
    }
}
