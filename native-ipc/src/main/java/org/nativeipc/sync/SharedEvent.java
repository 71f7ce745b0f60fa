package org.nativeipc.sync;

import static org.nativeipc.internal.memory.SharedRegion.LONGS;
import static org.nativeipc.sync.SharedEventLayout.*;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.internal.object.ObjectType;
import org.nativeipc.internal.object.SharedObjects;
import org.nativeipc.internal.object.Timeouts;
import org.nativeipc.internal.wait.EventCount;

/**
 * A flag that threads of any number of processes can wait for: Python's
 * {@code multiprocessing.Event}. {@link #set()} turns it on and wakes every waiter;
 * {@link #clear()} turns it off; {@link #await()} returns at once while it is on.
 *
 * <p>A waiter is released by any {@code set()} that happens while it waits, even if a
 * {@code clear()} follows before it gets to run. {@code set()} costs one compare-and-set, plus
 * one system call only if some thread sleeps. A {@code set()} happens-before the return of the
 * waits it releases. The event has no owner, so a process dying does not affect it (a process
 * killed while waiting leaves a stale sleeper count, which only costs later {@code set()}s a
 * spare wake call).
 *
 * <p>It travels to a child inside a task's captures, as a handle; the creating process owns
 * the region and removes it on {@link #close()} or exit.
 */
public final class SharedEvent extends SyncObject implements AutoCloseable, Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectType<SharedEvent> TYPE = SyncTypes.EVENT;

    private final transient ByteBuffer memory;
    final transient EventCount events;

    SharedEvent(SharedRegion region) {
        super(region, TYPE);
        this.memory = region.payload();
        this.events = new EventCount(region, EVENTS_OFFSET);
    }

    /**
     * Creates an event, initially not set, in a new shared-memory region owned by this process.
     *
     * @return the new event
     */
    public static SharedEvent create() {
        return SharedObjects.create(TYPE, SyncTypes.eventRecipe(), null);
    }

    /**
     * Creates an event, initially not set, named {@code name}, for any process to {@linkplain #open(String) open}
     * until the name is {@linkplain #unlink(String) unlinked} (see the package doc).
     *
     * @param name the name (see the package doc)
     * @return the new event
     * @throws IllegalStateException if the name exists already
     * @throws IllegalArgumentException if the name is not valid
     */
    public static SharedEvent create(String name) {
        return SharedObjects.create(TYPE, name, SyncTypes.eventRecipe(), null);
    }

    /**
     * Attaches to the event named {@code name} (in one process, always the same object).
     *
     * @param name the name
     * @return this process's event of that name
     * @throws IllegalStateException if there is no such name (the message says where it looked
     *     and how to create it), or it holds another type of object or layout version
     * @throws IllegalArgumentException if the name is not valid
     */
    public static SharedEvent open(String name) {
        return SharedObjects.open(TYPE, name, null);
    }

    /**
     * Attaches to the event named {@code name}, creating it if there is none: of processes
     * racing here, exactly one creates it and the others attach; none sees it half made.
     *
     * @param name the name
     * @return this process's event of that name
     * @throws IllegalStateException if the name holds another type of object
     * @throws IllegalArgumentException if the name is not valid
     */
    public static SharedEvent openOrCreate(String name) {
        return SharedObjects.openOrCreate(TYPE, name, SyncTypes.eventRecipe(), null);
    }

    /**
     * Removes the name {@code name}: processes that have the event keep using it, and its
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

    /** Turns the flag on and wakes every waiting thread of every process. Harmless if already set. */
    public void set() {
        life.checkOpen("set()");
        long state;
        do {
            state = state();
            if ((state & SET) != 0) {
                return;
            }
        } while (!LONGS.compareAndSet(memory, STATE_OFFSET, state, state + GENERATION_STEP + SET));
        events.signalAll();
    }

    /** Turns the flag off. */
    public void clear() {
        life.checkOpen("clear()");
        long state;
        do {
            state = state();
        } while ((state & SET) != 0 && !LONGS.compareAndSet(memory, STATE_OFFSET, state, state & ~SET));
    }

    /**
     * True while the flag is on.
     *
     * @return true while the flag is on
     */
    public boolean isSet() {
        life.checkOpen("isSet()");
        return (state() & SET) != 0;
    }

    /**
     * Waits until the flag is on (returns at once if it is).
     *
     * @throws InterruptedException if interrupted before or while waiting
     */
    public void await() throws InterruptedException {
        awaitNanos(Long.MAX_VALUE, "await()");
    }

    /**
     * Waits at most {@code timeout} for the flag to be on.
     *
     * @param timeout how long to wait at most, in {@code unit}
     * @param unit the unit of {@code timeout}
     * @return true if it was set (now or while waiting), false if the time ran out
     * @throws InterruptedException if interrupted before or while waiting
     */
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        return awaitNanos(Timeouts.toNanos(timeout, unit), "await(timeout, unit)");
    }

    private boolean awaitNanos(long nanos, String operation) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        life.checkOpen(operation);
        long start = state();
        if ((start & SET) != 0) {
            return true;
        }
        return events.await(() -> {
            long now = state();
            return (now & SET) != 0 || (now & ~SET) != (start & ~SET);
        }, nanos);
    }

    long state() {
        return (long) LONGS.getVolatile(memory, STATE_OFFSET);
    }

    /**
     * Threads of all processes asleep waiting for the flag (spinners not counted).
     *
     * @return threads of all processes asleep waiting for the flag (spinners not counted)
     */
    public int getWaiterCount() {
        life.checkOpen("getWaiterCount()");
        return events.sleepers();
    }

    /** Live state: set or not, how many times set, sleeping waiters. */
    @Override
    public String toString() {
        long state = state();
        int sleepers = events.sleepers();
        return life.describe() + ", " + ((state & SET) != 0 ? "set" : "not set") + ", set " + (state >>> 1) + " times, "
                + sleepers + (sleepers == 1 ? " sleeping waiter]" : " sleeping waiters]");
    }
}
