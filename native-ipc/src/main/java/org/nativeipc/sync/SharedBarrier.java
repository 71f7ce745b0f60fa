package org.nativeipc.sync;

import static org.nativeipc.internal.memory.SharedRegion.LONGS;
import static org.nativeipc.sync.SharedBarrierLayout.*;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.nativeipc.internal.liveness.Liveness;
import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.internal.object.ObjectType;
import org.nativeipc.internal.object.SharedObjects;
import org.nativeipc.internal.object.Timeouts;
import org.nativeipc.internal.sync.PeriodicWaiter;
import org.nativeipc.internal.wait.EventCount;

/**
 * A cyclic barrier for threads of any number of processes: Python's
 * {@code multiprocessing.Barrier}, with the behaviour of
 * {@link java.util.concurrent.CyclicBarrier}. {@code parties} threads call {@link #await()};
 * the last to arrive releases them all, and the barrier is ready for the next round.
 *
 * <p><b>Broken barrier.</b> If a waiting thread times out ({@link TimeoutException}) or is
 * interrupted ({@link InterruptedException}), or {@link #reset()} or {@link #abort()} is called
 * while threads wait, the round is broken: every waiter gets a {@link BrokenBarrierException},
 * and so does every later {@code await} until {@link #reset()}.
 *
 * <p><b>Crash behaviour.</b> A process that has awaited the barrier is a <em>participant</em>
 * until it {@linkplain #close() closes} it. If a participant dies (or exits without closing)
 * while others wait, a waiter notices within the {@linkplain #ownerCheckInterval() check
 * interval} (default 200 ms) plus 20 ms and breaks the barrier, instead of waiting for a party
 * that will never come. A process that dies before it first awaits is unknown to the barrier:
 * only a timeout ends that wait. At most {@link #MAX_TRACKED_PARTICIPANTS} participants are
 * tracked at once (further ones are not watched). Bookkeeping changes are crash-atomic (a redo
 * journal under a robust mutex).
 *
 * <p>There is no barrier action: the thread that gets arrival index 0 (the last to arrive) can
 * run it. A trip happens-before every released thread returns. It travels to a child inside a
 * task's captures, as a handle; the creating process owns the region and removes it on
 * {@link #close()} or exit.
 */
public final class SharedBarrier extends RobustSyncObject implements AutoCloseable, Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectType<SharedBarrier> TYPE = SyncTypes.BARRIER;
    private static final System.Logger LOG = System.getLogger(SharedBarrier.class.getPackageName());
    /** Participant processes whose death is watched at once. */
    public static final int MAX_TRACKED_PARTICIPANTS = 64;

    private final transient ByteBuffer memory;
    private final transient Journal journal;
    private final transient ProcessTable participants;
    private final transient EventCount events;
    private final transient int parties;
    private final transient long me = Liveness.self();

    SharedBarrier(SharedRegion region) {
        super(region, TYPE, MUTEX_OFFSET);
        this.memory = region.payload();
        this.journal = new Journal(region, JOURNAL_OFFSET, JOURNAL_CAPACITY);
        this.participants = new ProcessTable(region, PARTICIPANTS_OFFSET, (int) region.getLong(PARTICIPANT_SLOTS_OFFSET));
        this.events = new EventCount(region, EVENTS_OFFSET);
        this.parties = (int) region.getLong(PARTIES_OFFSET);
    }

    /**
     * A barrier that trips when {@code parties} threads wait at it.
     *
     * @param parties how many parties trip the barrier (at least 1)
     * @return the new barrier
     * @throws IllegalArgumentException if {@code parties} is less than 1
     */
    public static SharedBarrier create(int parties) {
        return SharedObjects.create(TYPE, SyncTypes.barrierRecipe(parties), null);
    }

    /**
     * Creates a barrier of {@code parties} parties named {@code name}, for any process to {@linkplain #open(String) open}
     * until the name is {@linkplain #unlink(String) unlinked} (see the package doc).
     *
     * @param name the name (see the package doc)
     * @param parties how many parties trip the barrier (at least 1)
     * @return the new barrier
     * @throws IllegalStateException if the name exists already
     * @throws IllegalArgumentException if the name or an argument is not valid
     */
    public static SharedBarrier create(String name, int parties) {
        return SharedObjects.create(TYPE, name, SyncTypes.barrierRecipe(parties), null);
    }

    /**
     * Attaches to the barrier named {@code name} (in one process, always the same object).
     *
     * @param name the name
     * @return this process's barrier of that name
     * @throws IllegalStateException if there is no such name (the message says where it looked
     *     and how to create it), or it holds another type of object or layout version
     * @throws IllegalArgumentException if the name is not valid
     */
    public static SharedBarrier open(String name) {
        return SharedObjects.open(TYPE, name, null);
    }

    /**
     * Attaches to the barrier named {@code name}, creating it if there is none: of processes
     * racing here, exactly one creates it and the others attach; none sees it half made.
     *
     * @param name the name
     * @param parties how many parties trip the barrier (at least 1)
     * @return this process's barrier of that name
     * @throws IllegalStateException if it exists with other arguments, or the name holds another type of object
     * @throws IllegalArgumentException if the name or an argument is not valid
     */
    public static SharedBarrier openOrCreate(String name, int parties) {
        return SharedObjects.openOrCreate(TYPE, name, SyncTypes.barrierRecipe(parties), null);
    }

    /**
     * Removes the name {@code name}: processes that have the barrier keep using it, and its
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

    // ---- await ---------------------------------------------------------------------------------

    /**
     * Waits until all parties have arrived.
     *
     * @return the arrival index: {@code getParties() - 1} for the first to arrive, 0 for the last
     * @throws BrokenBarrierException if the barrier is or becomes broken while waiting
     * @throws InterruptedException if interrupted while waiting (the barrier breaks)
     */
    public int await() throws InterruptedException, BrokenBarrierException {
        try {
            return awaitNanos(Long.MAX_VALUE, "await()");
        } catch (TimeoutException impossible) {
            throw new AssertionError(impossible);
        }
    }

    /**
     * Waits at most {@code timeout} for all parties.
     *
     * @param timeout how long to wait at most, in {@code unit}
     * @param unit the unit of {@code timeout}
     * @return the arrival index, as for {@link #await()}
     * @throws TimeoutException if the time ran out (the barrier breaks)
     * @throws InterruptedException if interrupted while waiting
     * @throws BrokenBarrierException if the barrier is or becomes broken while waiting
     */
    public int await(long timeout, TimeUnit unit) throws InterruptedException, BrokenBarrierException, TimeoutException {
        return awaitNanos(Timeouts.toNanos(timeout, unit), "await(timeout, unit)");
    }

    private int awaitNanos(long nanos, String operation) throws InterruptedException, BrokenBarrierException, TimeoutException {
        life.checkOpen(operation);
        long generation;
        int index;
        mutex.lockUninterruptibly();
        try {
            journal.recover();
            long state = currentState();
            generation = generation(state);
            if (broken(state)) {
                throw brokenException();
            }
            if (Thread.interrupted()) {
                breakRound(generation);
                throw new InterruptedException();
            }
            int arrived = waiting(state) + 1;
            index = parties - arrived;
            register();
            if (arrived == parties) {
                endRound(generation, false);
                return 0;
            }
            journal.put(STATE_OFFSET, state(generation, false, arrived)).commit();
        } finally {
            mutex.unlock();
            events.signalAll();
        }
        boolean released;
        try {
            released = events.await(new RoundWaiter(generation), nanos);
        } catch (InterruptedException e) {
            if (breakIfCurrent(generation)) {
                throw e;
            }
            Thread.currentThread().interrupt();
            released = true;
        }
        if (!released && breakIfCurrent(generation)) {
            throw new TimeoutException(operation + " timed out on " + this + ": the barrier is now broken");
        }
        if (tripped(generation)) {
            return index;
        }
        throw brokenException();
    }

    /** What a waiter of one round checks; once per check interval it looks for dead participants. */
    private final class RoundWaiter extends PeriodicWaiter {
        private final long generation;

        RoundWaiter(long generation) {
            super(mutex.checkIntervalNanos());
            this.generation = generation;
        }

        @Override
        protected boolean ready() {
            long state = currentState();
            return generation(state) != generation || broken(state);
        }

        @Override
        protected boolean check() {
            return breakIfParticipantDied(generation);
        }
    }

    /** True if round {@code generation} ended by a trip (false: it is or was broken). */
    private boolean tripped(long generation) {
        long state = currentState();
        if (generation(state) == generation) {
            return false;
        }
        long entry = (long) LONGS.getAcquire(memory, historyOffset(generation));
        return entry != historyEntry(generation, true);
    }

    // ---- breaking and resetting -----------------------------------------------------------------

    /**
     * Breaks the current round if threads wait (they get {@link BrokenBarrierException}) and
     * starts a fresh one: the barrier is usable again.
     */
    public void reset() {
        life.checkOpen("reset()");
        withMutex(() -> endRound(generation(currentState()), true));
    }

    /**
     * Breaks the barrier (Python's {@code abort()}): waiting threads and later {@code await}s
     * get {@link BrokenBarrierException} until {@link #reset()}.
     */
    public void abort() {
        life.checkOpen("abort()");
        withMutex(() -> breakRound(generation(currentState())));
    }

    private boolean breakIfCurrent(long generation) {
        boolean[] broke = new boolean[1];
        withMutex(() -> broke[0] = breakRound(generation));
        return broke[0];
    }

    /** Holding the mutex: breaks round {@code generation} if it is current and whole. */
    private boolean breakRound(long generation) {
        long state = currentState();
        if (generation(state) != generation || broken(state)) {
            return false;
        }
        journal.put(STATE_OFFSET, state(generation, true, waiting(state))).commit();
        return true;
    }

    /** Holding the mutex: records how {@code generation} ended and starts the next round. */
    private void endRound(long generation, boolean broken) {
        long next = (generation + 1) & 0xFFFF_FFFFL;
        journal.put(historyOffset(generation), historyEntry(generation, broken))
                .put(STATE_OFFSET, state(next, false, 0))
                .commit();
    }

    /** Breaks round {@code generation} if a participant other than this process has died. */
    private boolean breakIfParticipantDied(long generation) {
        boolean anyDead = false;
        for (int i = 0; i < participants.slots(); i++) {
            long owner = participants.owner(i);
            if (owner != Liveness.NOBODY && owner != me && !Liveness.isAlive(owner)) {
                anyDead = true;
                LOG.log(System.Logger.Level.WARNING, "breaking round " + generation + " of " + this + ": participant "
                        + Liveness.describe(owner) + " died");
                withMutex(() -> {
                    int slot = participants.find(owner);
                    if (slot >= 0) {
                        journal.put(participants.ownerOffset(slot), Liveness.NOBODY).commit();
                    }
                    breakRound(generation);
                });
            }
        }
        return anyDead;
    }

    /** Holding the mutex: records this process as a participant (if there is room). */
    private void register() {
        if (participants.find(me) < 0) {
            int slot = participants.findFree();
            if (slot >= 0) {
                journal.put(participants.ownerOffset(slot), me).commit();
            }
        }
    }

    private void withMutex(Runnable change) {
        mutex.lockUninterruptibly();
        try {
            journal.recover();
            change.run();
        } finally {
            mutex.unlock();
            events.signalAll();
        }
    }

    /** The current round (generation), for live state. */
    long round() {
        return generation(currentState());
    }

    private long currentState() {
        return (long) LONGS.getVolatile(memory, STATE_OFFSET);
    }

    private BrokenBarrierException brokenException() {
        return new BrokenBarrierException(this + " is broken: a party timed out, was interrupted or died, or the"
                + " barrier was reset or aborted; reset() makes it usable again");
    }

    // ---- state ---------------------------------------------------------------------------------

    /**
     * The number of parties needed to trip the barrier.
     *
     * @return the number of parties needed to trip the barrier
     */
    public int getParties() {
        return parties;
    }

    /**
     * Threads of all processes waiting at the barrier now.
     *
     * @return threads of all processes waiting at the barrier now
     */
    public int getNumberWaiting() {
        life.checkOpen("getNumberWaiting()");
        return waiting(currentState());
    }

    /**
     * True if the current round is broken.
     *
     * @return true if the current round is broken
     */
    public boolean isBroken() {
        life.checkOpen("isBroken()");
        return broken(currentState());
    }

    // ---- lifecycle -----------------------------------------------------------------------------

    /** Ends this process's participation: its later death no longer breaks the barrier. */
    @Override
    void beforeClose() {
        withMutex(() -> {
            int slot = participants.find(me);
            if (slot >= 0) {
                journal.put(participants.ownerOffset(slot), Liveness.NOBODY).commit();
            }
        });
    }

    /** Live state: round, waiting parties, broken or not. */
    @Override
    public String toString() {
        long state = currentState();
        return life.describe() + ", " + waiting(state) + " of " + parties + " parties waiting, round "
                + generation(state) + (broken(state) ? ", broken" : "") + "]";
    }
}
