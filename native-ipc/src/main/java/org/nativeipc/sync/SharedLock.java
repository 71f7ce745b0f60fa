package org.nativeipc.sync;

import java.io.Serializable;
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

    private SharedLock(SharedRegion region) {
        super(region, "SharedLock");
    }

    /**
     * Creates an unlocked lock in a new shared-memory region owned by this process.
     *
     * @return the new lock
     */
    public static SharedLock create() {
        return create(RegionKind.LOCK, SharedLock::new);
    }

    static SharedLock attach(RegionHandle handle) {
        return attach(handle, SharedLock.class, SharedLock::new);
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
