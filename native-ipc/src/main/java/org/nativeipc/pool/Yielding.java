package org.nativeipc.pool;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * How the pool's threads wait for something that usually comes within microseconds — a result,
 * a completed future, the next chunk of an iterator — before they sleep: they give their CPU
 * away ({@link Thread#yield()}) and look again, for up to {@link #PHASE_NANOS}. A thread that
 * sleeps instead (a futex, a park) costs whoever ends its wait a wake-up call, and itself a trip
 * through the scheduler, which on a loaded machine takes far longer than a short task; yielding
 * costs the waiter only, and lets the thread it waits for run when both share a CPU. (The queue
 * rings' waiters do the same.) A wait that lasts longer than the phase sleeps as before.
 */
final class Yielding {
    /** How long a waiter yields before it sleeps. */
    static final long PHASE_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    private Yielding() {
    }

    /** Yields the CPU until {@code ready} holds, for at most {@code nanos}; true if it held. */
    static boolean until(BooleanSupplier ready, long nanos) {
        long end = System.nanoTime() + nanos;
        while (!ready.getAsBoolean()) {
            if (System.nanoTime() - end >= 0) {
                return false;
            }
            Thread.yield();
        }
        return true;
    }
}
