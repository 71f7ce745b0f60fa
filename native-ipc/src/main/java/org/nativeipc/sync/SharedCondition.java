package org.nativeipc.sync;

import static org.nativeipc.internal.memory.SharedRegion.LONGS;
import static org.nativeipc.sync.SharedConditionLayout.*;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.Date;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;

import org.nativeipc.internal.liveness.Liveness;
import org.nativeipc.internal.memory.RegionClosedException;
import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.internal.object.SharedObjects;
import org.nativeipc.internal.object.Timeouts;
import org.nativeipc.internal.sync.PeriodicWaiter;
import org.nativeipc.internal.wait.EventCount;

/**
 * A condition of a {@link SharedLock} or {@link SharedReentrantLock}, usable across processes:
 * Python's {@code multiprocessing.Condition}, as a {@link Condition}. Get one from
 * {@link SharedLock#newCondition()}; it travels to children inside a task's captures, together
 * with its lock.
 *
 * <p><b>Contract.</b> As {@link Condition}: every method requires that the current thread holds
 * the lock ({@link IllegalMonitorStateException} otherwise); {@code await} releases the lock
 * entirely (all holds of a reentrant lock), waits, and re-acquires it before returning or
 * throwing. {@link #signal()} wakes the longest-waiting thread (in any process),
 * {@link #signalAll()} every waiting thread. As for any condition, wait in a loop that checks
 * your predicate: a woken thread competes for the lock with others.
 *
 * <p><b>Interrupts.</b> An interrupt before a signal makes {@code await} throw
 * {@link InterruptedException} (the signal then goes to another waiter); an interrupt after a
 * signal returns normally with the interrupt status set. Either way within 20 ms.
 *
 * <p><b>Capacity.</b> Each waiting thread occupies a slot in the shared region
 * ({@link SharedConditionLayout}); at most {@link #maxWaiters()} threads of all processes can
 * wait at once ({@link #DEFAULT_MAX_WAITERS} unless given to {@code newCondition(int)}); one
 * more gets an {@link IllegalStateException}.
 *
 * <p><b>Crash behaviour.</b> A signal given to a waiter whose process has died is not lost:
 * the other waiters check, once per the lock's {@linkplain SharedLock#ownerCheckInterval()
 * owner check interval}, for slots of dead waiters, free them, and one of them takes such a
 * signal over (so it arrives within that interval plus 20 ms). If the lock's holder dies, the
 * waiter that re-acquires the lock after waking takes it over and sees
 * {@code previousOwnerDied()} on the lock.
 */
public final class SharedCondition extends SyncObject implements Condition, AutoCloseable, Serializable {
    private static final long serialVersionUID = 1L;
    /** Waiting threads (all processes) a condition holds by default. */
    public static final int DEFAULT_MAX_WAITERS = 64;
    /** Most waiting threads a condition can be created for. */
    public static final int MAX_WAITERS_LIMIT = 4096;

    private final transient ByteBuffer memory;
    private final transient AbstractSharedLock lock;
    private final transient int slots;
    /** The event count of each slot, where its waiter sleeps. */
    private final transient EventCount[] events;

    private SharedCondition(SharedRegion region, AbstractSharedLock lock) {
        super(region, SyncTypes.CONDITION);
        this.memory = region.payload();
        this.lock = lock;
        this.slots = region.getInt(SLOT_COUNT_OFFSET);
        if (slots < 1 || payloadBytes(slots) > region.payloadSize()) {
            throw new IllegalStateException(region + " claims " + slots + " waiter slots, more than its size holds: damaged");
        }
        this.events = new EventCount[slots];
        for (int i = 0; i < slots; i++) {
            events[i] = new EventCount(region, slot(i) + SLOT_EVENTS);
        }
    }

    static SharedCondition create(AbstractSharedLock lock, int maxWaiters) {
        return SharedObjects.create(SyncTypes.CONDITION, SyncTypes.conditionRecipe(maxWaiters), lock);
    }

    /** The condition on {@code region}, whose lock is {@code lock} (what its handle carried). */
    static SharedCondition attach(SharedRegion region, Object lock) {
        if (!(lock instanceof AbstractSharedLock)) {
            throw new IllegalStateException(region + " arrived without its lock: a condition travels with its lock");
        }
        return new SharedCondition(region, (AbstractSharedLock) lock);
    }

    static void checkMaxWaiters(int maxWaiters) {
        if (maxWaiters < 1 || maxWaiters > MAX_WAITERS_LIMIT) {
            throw new IllegalArgumentException("maxWaiters " + maxWaiters + " is out of range: give between 1 and "
                    + MAX_WAITERS_LIMIT + " (the most threads of all processes that may await at once)");
        }
    }

    // ---- await -------------------------------------------------------------------------------

    /**
     * Releases the lock and waits until signalled or interrupted, then re-acquires the lock.
     *
     * @throws InterruptedException if interrupted before being signalled
     * @throws IllegalMonitorStateException if the current thread does not hold the lock
     * @throws IllegalStateException if {@link #maxWaiters()} threads already wait
     */
    @Override
    public void await() throws InterruptedException {
        awaitFor(Long.MAX_VALUE, true, "await()");
    }

    /** As {@link #await()}, but an interrupt does not end the wait (it stays pending). */
    @Override
    public void awaitUninterruptibly() {
        try {
            awaitFor(Long.MAX_VALUE, false, "awaitUninterruptibly()");
        } catch (InterruptedException impossible) {
            throw new AssertionError(impossible);
        }
    }

    /**
     * Waits at most {@code nanosTimeout}.
     *
     * @return an estimate of the time left (positive: signalled), or {@code <= 0} if the time ran out
     */
    @Override
    public long awaitNanos(long nanosTimeout) throws InterruptedException {
        long nanos = Timeouts.toNanos(nanosTimeout, TimeUnit.NANOSECONDS);
        long start = System.nanoTime();
        boolean signalled = awaitFor(nanos, true, "awaitNanos(nanos)");
        long left = nanos - (System.nanoTime() - start);
        return signalled ? Math.max(left, 1) : Math.min(left, 0);
    }

    /**
     * Waits at most {@code time}.
     *
     * @return true if signalled, false if the time ran out
     */
    @Override
    public boolean await(long time, TimeUnit unit) throws InterruptedException {
        return awaitFor(Timeouts.toNanos(time, unit), true, "await(time, unit)");
    }

    /**
     * Waits until {@code deadline} at most (a deadline already past still releases and
     * re-acquires the lock, then returns false).
     *
     * @return true if signalled, false if the deadline passed
     */
    @Override
    public boolean awaitUntil(Date deadline) throws InterruptedException {
        Objects.requireNonNull(deadline, "deadline");
        long millis = Math.max(0, deadline.getTime() - System.currentTimeMillis());
        return awaitFor(TimeUnit.MILLISECONDS.toNanos(millis), true, "awaitUntil(deadline)");
    }

    /** @return true if signalled (or, for an uninterruptible wait, also interrupted and signalled) */
    private boolean awaitFor(long nanos, boolean interruptible, String operation) throws InterruptedException {
        lock.checkHeld(operation);
        life.checkOpen(operation);
        if (interruptible && Thread.interrupted()) {
            throw new InterruptedException();
        }
        int slot = enqueue();
        int holds = lock.releaseForAwait();
        boolean interrupted = false;
        RegionClosedException closed = null;
        try {
            if (interruptible) {
                events[slot].await(new SlotWaiter(slot), nanos);
            } else {
                events[slot].awaitUninterruptibly(new SlotWaiter(slot), nanos);
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } catch (RegionClosedException e) {
            closed = e; // thrown once the lock is held again, as the Condition contract wants
        }
        boolean signalled = leave(slot);
        lock.reacquireAfterAwait(holds);
        if (closed != null) {
            throw closed;
        }
        if (interrupted) {
            if (!signalled) {
                throw new InterruptedException();
            }
            Thread.currentThread().interrupt();
        }
        return signalled;
    }

    /** What a waiting thread checks; once per check interval it also looks for dead waiters' slots. */
    private final class SlotWaiter extends PeriodicWaiter {
        private final int slot;

        SlotWaiter(int slot) {
            super(lock.mutex.checkIntervalNanos());
            this.slot = slot;
        }

        @Override
        protected boolean ready() {
            return state(word(slot)) == SIGNALLED;
        }

        @Override
        protected boolean check() {
            return takeSignalOfDeadWaiter(slot);
        }
    }

    /**
     * Frees the slots of waiters whose process died; a signal one of them had been given is
     * taken by the waiter in {@code mine} (or, if that was signalled meanwhile, passed on).
     *
     * @return true if {@code mine} is now signalled
     */
    private boolean takeSignalOfDeadWaiter(int mine) {
        for (int i = 0; i < slots; i++) {
            long word = word(i);
            if (i == mine || state(word) == FREE || waiterAlive(i) || !casWord(i, word, withState(word, FREE))) {
                continue;
            }
            if (state(word) == SIGNALLED) {
                long own = word(mine);
                if (state(own) != WAITING || !casWord(mine, own, withState(own, SIGNALLED))) {
                    signalOldest();
                }
            }
        }
        return state(word(mine)) == SIGNALLED;
    }

    /** Claims a free slot (holding the lock). */
    private int enqueue() {
        int free = findFree(false);
        if (free < 0) {
            free = findFree(true);
        }
        if (free < 0) {
            throw new IllegalStateException("all " + slots + " waiter slots of " + this + " are taken by live waiters:"
                    + " create the condition with lock.newCondition(maxWaiters) for more");
        }
        long ticket = (long) LONGS.get(memory, NEXT_TICKET_OFFSET);
        LONGS.set(memory, NEXT_TICKET_OFFSET, ticket + 1);
        LONGS.setVolatile(memory, slot(free) + SLOT_OWNER, Liveness.self());
        LONGS.setVolatile(memory, slot(free) + SLOT_WORD, SharedConditionLayout.word(ticket, WAITING));
        return free;
    }

    /** A free slot; with {@code reclaim}, also frees the slots of dead waiters. -1 if none. */
    private int findFree(boolean reclaim) {
        for (int i = 0; i < slots; i++) {
            long word = word(i);
            if (state(word) == FREE || (reclaim && !waiterAlive(i) && casWord(i, word, withState(word, FREE)))) {
                return i;
            }
        }
        return -1;
    }

    /** Ends a wait: true if the slot was signalled, false if the wait was cancelled first. */
    private boolean leave(int slot) {
        long word = word(slot);
        if (state(word) == WAITING && casWord(slot, word, withState(word, FREE))) {
            return false;
        }
        LONGS.setVolatile(memory, slot(slot) + SLOT_WORD, withState(word(slot), FREE));
        return true;
    }

    // ---- signal ------------------------------------------------------------------------------

    /**
     * Wakes the thread that has waited longest, in whatever process, if any waits.
     *
     * @throws IllegalMonitorStateException if the current thread does not hold the lock
     */
    @Override
    public void signal() {
        lock.checkHeld("signal()");
        life.checkOpen("signal()");
        signalOldest();
    }

    /** Signals the waiting slot with the lowest ticket, if there is one. */
    private void signalOldest() {
        while (true) {
            int oldest = -1;
            long oldestWord = Long.MAX_VALUE;
            for (int i = 0; i < slots; i++) {
                long word = word(i);
                if (state(word) == WAITING && word < oldestWord) {
                    oldest = i;
                    oldestWord = word;
                }
            }
            if (oldest < 0 || wake(oldest, oldestWord)) {
                return;
            }
        }
    }

    /**
     * Wakes every waiting thread of every process.
     *
     * @throws IllegalMonitorStateException if the current thread does not hold the lock
     */
    @Override
    public void signalAll() {
        lock.checkHeld("signalAll()");
        life.checkOpen("signalAll()");
        for (int i = 0; i < slots; i++) {
            long word = word(i);
            if (state(word) == WAITING) {
                wake(i, word);
            }
        }
    }

    /** Signals slot {@code slot} if it still holds {@code word} (a waiting one): true if it did. */
    private boolean wake(int slot, long word) {
        if (!casWord(slot, word, withState(word, SIGNALLED))) {
            return false;
        }
        events[slot].signalOne();
        return true;
    }

    private long word(int slot) {
        return (long) LONGS.getVolatile(memory, slot(slot) + SLOT_WORD);
    }

    private boolean casWord(int slot, long expected, long value) {
        return LONGS.compareAndSet(memory, slot(slot) + SLOT_WORD, expected, value);
    }

    private boolean waiterAlive(int slot) {
        return Liveness.isAlive((long) LONGS.getVolatile(memory, slot(slot) + SLOT_OWNER));
    }

    // ---- state and lifecycle -----------------------------------------------------------------

    /**
     * Threads of all processes waiting now (not yet signalled).
     *
     * @return threads of all processes waiting now (not yet signalled)
     */
    public int getWaitQueueLength() {
        life.checkOpen("getWaitQueueLength()");
        int waiting = 0;
        for (int i = 0; i < slots; i++) {
            if (state(word(i)) == WAITING) {
                waiting++;
            }
        }
        return waiting;
    }

    /**
     * The most threads (all processes together) that can await this condition at once.
     *
     * @return the most threads (all processes together) that can await this condition at once
     */
    public int maxWaiters() {
        return slots;
    }

    /** Live state: waiting threads and their pids. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(life.describe()).append(", ");
        int waiting = 0;
        StringBuilder pids = new StringBuilder();
        for (int i = 0; i < slots; i++) {
            if (state(word(i)) == WAITING) {
                waiting++;
                pids.append(pids.length() == 0 ? "" : ", ").append(Liveness.pidOf((long) LONGS.getVolatile(memory, slot(i) + SLOT_OWNER)));
            }
        }
        s.append(waiting).append(" of ").append(slots).append(" slots waiting");
        if (waiting > 0) {
            s.append(" (pids ").append(pids).append(')');
        }
        return s.append("]").toString();
    }

    @Override
    Serializable companion() {
        return lock;
    }
}
