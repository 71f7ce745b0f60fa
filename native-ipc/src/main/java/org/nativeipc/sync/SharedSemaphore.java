package org.nativeipc.sync;

import static org.nativeipc.sync.SharedSemaphoreLayout.*;

import java.io.Serializable;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.nativeipc.internal.liveness.Liveness;
import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.internal.object.ObjectType;
import org.nativeipc.internal.object.SharedObjects;
import org.nativeipc.internal.object.Timeouts;
import org.nativeipc.internal.sync.PeriodicWaiter;
import org.nativeipc.internal.wait.EventCount;

/**
 * A counting semaphore shared by threads of any number of processes: Python's
 * {@code multiprocessing.Semaphore} ({@link #create}) and {@code BoundedSemaphore}
 * ({@link #createBounded}), with the methods of {@link java.util.concurrent.Semaphore}.
 *
 * <p><b>Permits belong to processes.</b> The semaphore records how many permits each process
 * holds (acquired and not yet released), in a table of {@link #DEFAULT_MAX_HOLDER_PROCESSES}
 * processes — the most that can hold permits at the same moment; one more gets an
 * {@link IllegalStateException}. A permit may be released by another process than the one that
 * acquired it (it is then taken off another holder's count); releasing when no process holds
 * any adds a permit to an unbounded semaphore and is refused by a bounded one
 * ({@link IllegalStateException}: released more times than acquired).
 *
 * <p><b>Crash behaviour.</b> If a process dies holding permits, a thread that has waited
 * {@link #ownerCheckInterval()} (default 200 ms) for permits finds it dead (on proof: see
 * {@link SharedLock}) and gives its permits back; the threads that then
 * acquire them see {@link #previousHolderDied()} true. Permits used as signals — released by
 * one process and acquired, never to be released, by another — come back too when the
 * acquirer dies: use a {@link SharedEvent} or a queue for signals. Bookkeeping changes are
 * crash-atomic (a redo journal under a robust mutex).
 *
 * <p><b>Cost.</b> Acquire and release each take an internal lock (two compare-and-sets) and a
 * few stores; a release makes a system call only if a thread sleeps waiting for permits. A
 * release happens-before the acquire that gets its permit. Not fair.
 *
 * <p>It travels to a child inside a task's captures, as a handle; the creating process owns
 * the region and removes it on {@link #close()} or exit. Closing does not release permits this
 * process holds; they stay held until it releases them or exits.
 */
public final class SharedSemaphore extends RobustSyncObject implements AutoCloseable, Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectType<SharedSemaphore> TYPE = SyncTypes.SEMAPHORE;
    private static final System.Logger LOG = System.getLogger(SharedSemaphore.class.getPackageName());
    /** How many processes can hold permits at the same moment. */
    public static final int DEFAULT_MAX_HOLDER_PROCESSES = 64;

    final transient PermitLedger ledger;
    final transient EventCount events;
    /** Threads of this process whose last acquire included a permit recovered from a dead holder. */
    private final transient Set<Thread> recoveredTakers = ConcurrentHashMap.newKeySet();

    SharedSemaphore(SharedRegion region) {
        super(region, TYPE, MUTEX_OFFSET);
        this.ledger = ledgerOf(region);
        this.events = new EventCount(region, EVENTS_OFFSET);
    }

    /**
     * A semaphore with {@code permits} initial permits; releases may raise it above that.
     *
     * @param permits how many permits
     * @return the new semaphore
     * @throws IllegalArgumentException if {@code permits} is negative
     */
    public static SharedSemaphore create(int permits) {
        return SharedObjects.create(TYPE, SyncTypes.semaphoreRecipe(permits, false), null);
    }

    /**
     * A semaphore with {@code permits} permits that refuses to be released above that
     * (Python's {@code BoundedSemaphore}): a release when no permit is held throws.
     *
     * @param permits how many permits
     * @return the new bounded semaphore
     * @throws IllegalArgumentException if {@code permits} is negative
     */
    public static SharedSemaphore createBounded(int permits) {
        return SharedObjects.create(TYPE, SyncTypes.semaphoreRecipe(permits, true), null);
    }

    /**
     * Creates a semaphore with {@code permits} initial permits named {@code name}, for any process to {@linkplain #open(String) open}
     * until the name is {@linkplain #unlink(String) unlinked} (see the package doc).
     *
     * @param name the name (see the package doc)
     * @param permits how many permits
     * @return the new semaphore
     * @throws IllegalStateException if the name exists already
     * @throws IllegalArgumentException if the name or an argument is not valid
     */
    public static SharedSemaphore create(String name, int permits) {
        return SharedObjects.create(TYPE, name, SyncTypes.semaphoreRecipe(permits, false), null);
    }

    /**
     * Attaches to the semaphore named {@code name} (in one process, always the same object).
     *
     * @param name the name
     * @return this process's semaphore of that name
     * @throws IllegalStateException if there is no such name (the message says where it looked
     *     and how to create it), or it holds another type of object or layout version
     * @throws IllegalArgumentException if the name is not valid
     */
    public static SharedSemaphore open(String name) {
        return SharedObjects.open(TYPE, name, null);
    }

    /**
     * Attaches to the semaphore named {@code name}, creating it if there is none: of processes
     * racing here, exactly one creates it and the others attach; none sees it half made.
     *
     * @param name the name
     * @param permits how many permits
     * @return this process's semaphore of that name
     * @throws IllegalStateException if it exists with other arguments, or the name holds another type of object
     * @throws IllegalArgumentException if the name or an argument is not valid
     */
    public static SharedSemaphore openOrCreate(String name, int permits) {
        return SharedObjects.openOrCreate(TYPE, name, SyncTypes.semaphoreRecipe(permits, false), null);
    }

    /**
     * Removes the name {@code name}: processes that have the semaphore keep using it, and its
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
     * Creates a bounded semaphore (see {@link #createBounded(int)}) of {@code permits} permits named {@code name}, for any process to {@linkplain #open(String) open}
     * until the name is {@linkplain #unlink(String) unlinked} (see the package doc).
     *
     * @param name the name (see the package doc)
     * @param permits how many permits
     * @return the new semaphore
     * @throws IllegalStateException if the name exists already
     * @throws IllegalArgumentException if the name or an argument is not valid
     */
    public static SharedSemaphore createBounded(String name, int permits) {
        return SharedObjects.create(TYPE, name, SyncTypes.semaphoreRecipe(permits, true), null);
    }

    /**
     * Attaches to the semaphore named {@code name}, creating it if there is none: of processes
     * racing here, exactly one creates it and the others attach; none sees it half made.
     *
     * @param name the name
     * @param permits how many permits
     * @return this process's semaphore of that name
     * @throws IllegalStateException if it exists with other arguments, or the name holds another type of object
     * @throws IllegalArgumentException if the name or an argument is not valid
     */
    public static SharedSemaphore openOrCreateBounded(String name, int permits) {
        return SharedObjects.openOrCreate(TYPE, name, SyncTypes.semaphoreRecipe(permits, true), null);
    }

    static PermitLedger ledgerOf(SharedRegion region) {
        return new PermitLedger(region, (int) region.getLong(HOLDER_SLOTS_OFFSET));
    }

    // ---- acquire -------------------------------------------------------------------------------

    /**
     * Acquires a permit, waiting until one is available.
     *
     * @throws InterruptedException if interrupted before or while waiting
     */
    public void acquire() throws InterruptedException {
        acquire(1);
    }

    /**
     * Acquires {@code permits} permits at once, waiting until that many are available.
     *
     * @param permits how many permits
     * @throws IllegalArgumentException if {@code permits} is less than 1, or more than a bounded
     *    semaphore has
     * @throws InterruptedException if interrupted before or while waiting
     */
    public void acquire(int permits) throws InterruptedException {
        acquire(checkPermits(permits), Long.MAX_VALUE, true, "acquire(permits)");
    }

    /** Acquires a permit, waiting until one is available; an interrupt stays pending. */
    public void acquireUninterruptibly() {
        acquireUninterruptibly(1);
    }

    /**
     * Acquires {@code permits} permits, waiting until available; an interrupt stays pending.
     *
     * @param permits how many permits
     */
    public void acquireUninterruptibly(int permits) {
        try {
            acquire(checkPermits(permits), Long.MAX_VALUE, false, "acquireUninterruptibly(permits)");
        } catch (InterruptedException impossible) {
            throw new AssertionError(impossible);
        }
    }

    /**
     * Acquires a permit if one is available now.
     *
     * @return true if a permit was acquired
     */
    public boolean tryAcquire() {
        return tryAcquire(1);
    }

    /**
     * Acquires {@code permits} permits if that many are available now.
     *
     * @param permits how many permits
     * @return true if the permits were acquired
     */
    public boolean tryAcquire(int permits) {
        checkPermits(permits);
        life.checkOpen("tryAcquire(permits)");
        return tryTake(permits);
    }

    /**
     * Acquires a permit if one becomes available within {@code timeout}.
     *
     * @param timeout how long to wait at most, in {@code unit}
     * @param unit the unit of {@code timeout}
     * @return true if a permit was acquired, false if the time ran out first
     * @throws InterruptedException if interrupted before or while waiting
     */
    public boolean tryAcquire(long timeout, TimeUnit unit) throws InterruptedException {
        return tryAcquire(1, timeout, unit);
    }

    /**
     * Acquires {@code permits} permits if that many become available within {@code timeout}.
     *
     * @param permits how many permits
     * @param timeout how long to wait at most, in {@code unit}
     * @param unit the unit of {@code timeout}
     * @return true if the permits were acquired, false if the time ran out first
     * @throws IllegalArgumentException if {@code permits} is invalid
     * @throws InterruptedException if interrupted before or while waiting
     */
    public boolean tryAcquire(int permits, long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = Timeouts.toNanos(timeout, unit);
        return acquire(checkPermits(permits), nanos, true, "tryAcquire(permits, timeout, unit)");
    }

    private boolean acquire(int permits, long nanos, boolean interruptible, String operation) throws InterruptedException {
        if (interruptible && Thread.interrupted()) {
            throw new InterruptedException();
        }
        life.checkOpen(operation);
        if (tryTake(permits)) {
            return true;
        }
        PermitWaiter ready = new PermitWaiter(permits);
        return interruptible ? events.await(ready, nanos) : events.awaitUninterruptibly(ready, nanos);
    }

    /** What a thread waiting for permits checks; once per check interval it looks for dead holders. */
    private final class PermitWaiter extends PeriodicWaiter {
        private final int permits;

        PermitWaiter(int permits) {
            super(mutex.checkIntervalNanos());
            this.permits = permits;
        }

        @Override
        protected boolean ready() {
            return ledger.available() >= permits && tryTake(permits);
        }

        @Override
        protected boolean check() {
            return recoverDeadHolders() && tryTake(permits);
        }
    }

    private boolean tryTake(int permits) {
        long fromDead;
        mutex.lockUninterruptibly();
        try {
            ledger.recoverJournal();
            fromDead = ledger.take(permits);
        } finally {
            mutex.unlock();
        }
        if (fromDead > 0) {
            recoveredTakers.add(Thread.currentThread());
        } else if (fromDead == 0 && !recoveredTakers.isEmpty()) {
            recoveredTakers.remove(Thread.currentThread());
        }
        return fromDead >= 0;
    }

    /** Gives back the permits of holders found dead; true if any came back. */
    private boolean recoverDeadHolders() {
        long recovered = 0;
        for (long holder : ledger.otherHolders()) {
            if (!Liveness.isAlive(holder)) {
                mutex.lockUninterruptibly();
                long permits;
                try {
                    ledger.recoverJournal();
                    permits = ledger.recoverFrom(holder);
                } finally {
                    mutex.unlock();
                }
                if (permits > 0) {
                    LOG.log(System.Logger.Level.WARNING, "gave back " + permits + " permits of " + this + " held by "
                            + Liveness.describe(holder) + ", which died holding them");
                }
                recovered += permits;
            }
        }
        if (recovered > 0) {
            events.signalAll();
        }
        return recovered > 0;
    }

    // ---- release -------------------------------------------------------------------------------

    /**
     * Releases a permit and wakes waiting threads if any sleep.
     *
     * @throws IllegalStateException if the semaphore is bounded and no permit is held
     */
    public void release() {
        release(1);
    }

    /**
     * Releases {@code permits} permits and wakes waiting threads if any sleep.
     *
     * @param permits how many permits
     * @throws IllegalArgumentException if {@code permits} is less than 1
     * @throws IllegalStateException if the semaphore is bounded and fewer than {@code permits}
     *    are held, or the count would exceed {@code Integer.MAX_VALUE}
     */
    public void release(int permits) {
        SyncArguments.positive(permits, "permits");
        life.checkOpen("release(permits)");
        mutex.lockUninterruptibly();
        try {
            ledger.recoverJournal();
            ledger.give(permits);
        } finally {
            mutex.unlock();
        }
        events.signalAll();
    }

    // ---- state ---------------------------------------------------------------------------------

    /**
     * Permits available now.
     *
     * @return permits available now
     */
    public int availablePermits() {
        life.checkOpen("availablePermits()");
        return (int) Math.min(Integer.MAX_VALUE, ledger.available());
    }

    /**
     * True for a semaphore made by {@link #createBounded}.
     *
     * @return true for a semaphore made by {@link #createBounded}
     */
    public boolean isBounded() {
        life.checkOpen("isBounded()");
        return ledger.bounded();
    }

    /**
     * True if the current thread's most recent acquire on this semaphore got a permit that a
     * dead process had held: whatever that permit guarded may be in a half-updated state.
     *
     * @return true if the current thread's most recent acquire on this semaphore got a permit that a dead process had held
     */
    public boolean previousHolderDied() {
        life.checkOpen("previousHolderDied()");
        return recoveredTakers.contains(Thread.currentThread());
    }

    /**
     * Permits recovered from dead holders over the semaphore's life.
     *
     * @return permits recovered from dead holders over the semaphore's life
     */
    public long recoveredPermits() {
        life.checkOpen("recoveredPermits()");
        return ledger.recoveredTotal();
    }

    /**
     * Estimate of the threads of all processes asleep waiting for permits.
     *
     * @return an estimate of the threads asleep waiting for permits
     */
    public int getQueueLength() {
        life.checkOpen("getQueueLength()");
        return events.sleepers();
    }

    private int checkPermits(int permits) {
        SyncArguments.positive(permits, "permits");
        if (ledger.bounded() && permits > ledger.initial()) {
            throw new IllegalArgumentException("cannot acquire " + permits + " permits of a bounded semaphore of "
                    + ledger.initial() + ": it would wait forever");
        }
        return permits;
    }

    // ---- lifecycle -----------------------------------------------------------------------------

    /** Live state: available permits, holders (pid: permits), sleeping waiters, recoveries. */
    @Override
    public String toString() {
        String holders = ledger.describeHolders();
        int sleepers = events.sleepers();
        return life.describe() + ", " + ledger.available() + " of " + ledger.initial() + " permits available"
                + (ledger.bounded() ? " (bounded)" : "") + ", held by " + (holders.isEmpty() ? "nobody" : holders)
                + ", " + sleepers + (sleepers == 1 ? " sleeping waiter" : " sleeping waiters")
                + (ledger.recoveredTotal() > 0 ? ", " + ledger.recoveredTotal() + " recovered from dead holders" : "") + "]";
    }
}
