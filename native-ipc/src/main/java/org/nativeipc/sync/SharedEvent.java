package org.nativeipc.sync;

import static org.nativeipc.internal.memory.SharedRegion.LONGS;
import static org.nativeipc.sync.SharedEventLayout.*;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.nativeipc.internal.memory.RegionHandle;
import org.nativeipc.internal.memory.RegionKind;
import org.nativeipc.internal.memory.SharedRegion;
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

    private final transient ByteBuffer memory;
    private final transient EventCount events;

    private SharedEvent(SharedRegion region) {
        super(region, "SharedEvent");
        this.memory = region.payload();
        this.events = new EventCount(region, EVENTS_OFFSET);
    }

    /**
     * Creates an event, initially not set, in a new shared-memory region owned by this process.
     *
     * @return the new event
     */
    public static SharedEvent create() {
        return RegionLife.create(RegionKind.EVENT, VERSION, PAYLOAD_BYTES, region -> { }, SharedEvent::new);
    }

    static SharedEvent attach(RegionHandle handle) {
        return RegionLife.attach(handle, VERSION, SharedEvent.class, SharedEvent::new);
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
     * @throws IllegalArgumentException if {@code timeout} is negative
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

    private long state() {
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
