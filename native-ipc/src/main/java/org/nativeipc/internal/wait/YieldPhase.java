package org.nativeipc.internal.wait;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The phase of a wait before the waiter sleeps: it gives its CPU away ({@link Thread#yield()})
 * and looks again, for up to {@link #NANOS}. What it waits for (a ring's room or message, a
 * pool's result) usually comes within microseconds; a sleeper (a futex, a park) costs whoever
 * ends its wait a wake-up call and itself a trip through the scheduler, while yielding costs the
 * waiter only and lets the thread it waits for run when both share a CPU. The queue rings' and
 * the pool's waiters use it; a wait that lasts longer sleeps as before.
 */
public final class YieldPhase {
    /** How long a waiter yields before it sleeps. */
    public static final long NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    private YieldPhase() {
    }

    /**
     * Yields the CPU until {@code ready} holds, for at most {@code maxNanos}.
     *
     * @param ready what the waiter waits for
     * @param maxNanos the longest the phase lasts
     * @return true if {@code ready} held, false if the time ran out first
     */
    public static boolean until(BooleanSupplier ready, long maxNanos) {
        long end = System.nanoTime() + maxNanos;
        while (!ready.getAsBoolean()) {
            if (System.nanoTime() - end >= 0) {
                return false;
            }
            Thread.yield();
        }
        return true;
    }
}
