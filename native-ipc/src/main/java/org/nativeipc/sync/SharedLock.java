package org.nativeipc.sync;

import java.io.Serializable;
import java.util.concurrent.locks.Lock;

import org.nativeipc.internal.memory.RegionKind;
import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.internal.object.ObjectType;
import org.nativeipc.internal.object.SharedObjects;

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
 * <p><b>Crash behaviour.</b> The lock word records the holder process's liveness token. A
 * waiter that has waited {@link #ownerCheckInterval()} (default 200 ms) checks, once per
 * interval, whether the holder process still runs — dead only on proof (the kernel released the
 * lock the process held on its liveness record); a process that cannot be looked at counts as
 * alive — and if not takes the lock over: within the interval plus 20 ms of the death when a waiter is
 * already waiting. The new holder sees {@link #previousOwnerDied()} true until it unlocks.
 * A thread that dies holding the lock in a process that lives on keeps it held, as with
 * {@code ReentrantLock}.
 */
public final class SharedLock extends AbstractSharedLock implements Lock, AutoCloseable, Serializable {
    private static final long serialVersionUID = 1L;

    private static final ObjectType<SharedLock> TYPE = SyncTypes.LOCK;

    SharedLock(SharedRegion region) {
        super(region, TYPE);
    }

    /**
     * Creates an unlocked lock in a new shared-memory region owned by this process.
     *
     * @return the new lock
     */
    public static SharedLock create() {
        return SharedObjects.create(TYPE, SyncTypes.lockRecipe(RegionKind.LOCK), null);
    }

    /**
     * Creates an unlocked lock named {@code name}, for any process to {@linkplain #open(String) open}
     * until the name is {@linkplain #unlink(String) unlinked} (see the package doc).
     *
     * @param name the name (see the package doc)
     * @return the new lock
     * @throws IllegalStateException if the name exists already
     * @throws IllegalArgumentException if the name is not valid
     */
    public static SharedLock create(String name) {
        return SharedObjects.create(TYPE, name, SyncTypes.lockRecipe(RegionKind.LOCK), null);
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
    public static SharedLock open(String name) {
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
    public static SharedLock openOrCreate(String name) {
        return SharedObjects.openOrCreate(TYPE, name, SyncTypes.lockRecipe(RegionKind.LOCK), null);
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

    @Override
    boolean tryAcquire() {
        return mutex.tryLock();
    }

    @Override
    void beforeWaiting(String operation) {
        if (mutex.isHeldByCurrentThread()) {
            throw new IllegalStateException(operation + " by thread '" + Thread.currentThread().getName()
                    + "', which already holds this SharedLock: it is not reentrant, so this would wait forever"
                    + " (use SharedReentrantLock to lock again while holding)");
        }
    }

    @Override
    void acquired() {
    }

    @Override
    void release() {
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
}
