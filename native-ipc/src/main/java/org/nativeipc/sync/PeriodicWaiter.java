package org.nativeipc.sync;

import java.util.function.BooleanSupplier;

/**
 * The condition a thread waits for in an {@link org.nativeipc.internal.wait.EventCount}, plus
 * a slower check made once per interval while it waits (has the holder died? has a
 * participant?). The event count asks at least every sleep slice, so the check runs within an
 * interval plus a slice of falling due.
 */
abstract class PeriodicWaiter implements BooleanSupplier {
    private final long intervalNanos;
    private long nextCheck;

    PeriodicWaiter(long intervalNanos) {
        this.intervalNanos = intervalNanos;
        this.nextCheck = System.nanoTime() + intervalNanos;
    }

    /** The condition itself: cheap, called often. */
    abstract boolean ready();

    /** The periodic check: may be slow (reads /proc); true if it made the condition hold. */
    abstract boolean check();

    @Override
    public final boolean getAsBoolean() {
        if (ready()) {
            return true;
        }
        long now = System.nanoTime();
        if (now - nextCheck < 0) {
            return false;
        }
        nextCheck = now + intervalNanos;
        return check();
    }
}
