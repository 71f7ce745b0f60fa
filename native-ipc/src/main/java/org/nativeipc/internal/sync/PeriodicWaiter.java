package org.nativeipc.internal.sync;

import java.util.function.BooleanSupplier;

import org.nativeipc.internal.wait.EventCount;

/**
 * The condition a thread waits for in an {@link EventCount}, plus a slower check made once per
 * interval while it waits (has the holder died? has a participant?). The event count asks at
 * least every sleep slice, so the check runs within an interval plus a slice of falling due.
 * During the event count's first spin ({@link EventCount#SPIN_TRIES} calls, microseconds) the
 * clock is not read, so spinning stays as short as for a plain condition.
 */
public abstract class PeriodicWaiter implements BooleanSupplier {
    private final long intervalNanos;
    private long nextCheck;
    private int calls;

    /**
     * A waiter whose {@link #check()} runs once per {@code intervalNanos}.
     *
     * @param intervalNanos nanoseconds between checks
     */
    protected PeriodicWaiter(long intervalNanos) {
        this.intervalNanos = intervalNanos;
        this.nextCheck = System.nanoTime() + intervalNanos;
    }

    /** The condition itself: cheap, called often. */
    protected abstract boolean ready();

    /** The periodic check: may be slow (asks the liveness service); true if it made the condition hold. */
    protected abstract boolean check();

    /** True once the event count's first spin is over (the waiter is about to sleep, or woke). */
    protected final boolean pastFirstSpin() {
        return calls >= EventCount.SPIN_TRIES;
    }

    @Override
    public final boolean getAsBoolean() {
        if (ready()) {
            return true;
        }
        if (++calls <= EventCount.SPIN_TRIES) {
            return false;
        }
        long now = System.nanoTime();
        if (now - nextCheck < 0) {
            return false;
        }
        nextCheck = now + intervalNanos;
        return check();
    }
}
