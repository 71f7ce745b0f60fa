package org.nativeipc.sync;

import java.io.Serializable;
import java.util.concurrent.locks.Lock;

import org.nativeipc.internal.memory.RegionKind;
import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.internal.object.ObjectType;
import org.nativeipc.internal.object.SharedObjects;

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
    private static final ObjectType<SharedReentrantLock> TYPE = SyncTypes.REENTRANT_LOCK;

    /** Holds of the owning thread; touched only by the thread that holds the lock. */
    private transient int holds;

    SharedReentrantLock(SharedRegion region) {
        super(region, TYPE);
    }

    /**
     * Creates an unlocked reentrant lock in a new shared-memory region owned by this process.
     *
     * @return the new lock
     */
    public static SharedReentrantLock create() {
        return SharedObjects.create(TYPE, SyncTypes.lockRecipe(RegionKind.REENTRANT_LOCK), null);
    }

    /**
     * Creates an unlocked reentrant lock named {@code name}, for any process to {@linkplain #open(String) open}
     * until the name is {@linkplain #unlink(String) unlinked} (see the package doc).
     *
     * @param name the name (see the package doc)
     * @return the new lock
     * @throws IllegalStateException if the name exists already
     * @throws IllegalArgumentException if the name is not valid
     */
    public static SharedReentrantLock create(String name) {
        return SharedObjects.create(TYPE, name, SyncTypes.lockRecipe(RegionKind.REENTRANT_LOCK), null);
    }

    /**
     * Attaches to the lock named {@code name} (in one process, always the same object).
     *
     * @param name the name
     * @return this process's lock of that name
     * @throws IllegalStateException if there is no such name (the message says where it looked
     *     and how to create it), or it holds another type of object or layout version
     * @throws IllegalArgumentException if the name is not valid
     */
    public static SharedReentrantLock open(String name) {
        return SharedObjects.open(TYPE, name, null);
    }

    /**
     * Attaches to the lock named {@code name}, creating it if there is none: of processes
     * racing here, exactly one creates it and the others attach; none sees it half made.
     *
     * @param name the name
     * @return this process's lock of that name
     * @throws IllegalStateException if the name holds another type of object
     * @throws IllegalArgumentException if the name is not valid
     */
    public static SharedReentrantLock openOrCreate(String name) {
        return SharedObjects.openOrCreate(TYPE, name, SyncTypes.lockRecipe(RegionKind.REENTRANT_LOCK), null);
    }

    /**
     * Removes the name {@code name}: processes that have the lock keep using it, and its
     * memory goes when the last of them closes it or exits.
     *
     * @param name the name
     * @return true if it was removed, false if there was no such name
     * @throws IllegalStateException if the name holds another type of object (nothing is removed)
     * @throws IllegalArgumentException if the name is not valid
     */
    public static boolean unlink(String name) {
        return SharedObjects.unlink(TYPE, name);
    }

    /**
     * How many times the current thread holds the lock: 0 if it does not.
     *
     * @return how many times the current thread holds the lock
     */
    public int getHoldCount() {
        life.checkOpen("getHoldCount()");
        return mutex.isHeldByCurrentThread() ? holds : 0;
    }

    /** One more hold if this thread holds the lock, or the first if it is free now. */
    @Override
    boolean tryAcquire() {
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
    void beforeWaiting(String operation) {
    }

    @Override
    void acquired() {
        holds = 1;
    }

    @Override
    void release() {
        if (!mutex.isHeldByCurrentThread()) {
            throw mutex.notHeld("unlock");
        }
        if (--holds == 0) {
            mutex.unlock();
        }
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
