package org.nativeipc.internal.object;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The one timeout rule of every shared object, the JDK's ({@code BlockingQueue.poll},
 * {@code Lock.tryLock}, {@code Condition.await}): a timeout of zero or less does not wait — the
 * call tries once and returns at once (false, null, or "time ran out") — and a timeout too large
 * for a {@code long} of nanoseconds waits without limit.
 */
public final class Timeouts {
    /** What the waiting code reads as "no limit". */
    public static final long FOREVER = Long.MAX_VALUE;

    private Timeouts() {
    }

    /**
     * {@code timeout} in nanoseconds: 0 for zero or negative, {@link #FOREVER} when it saturates.
     *
     * @param timeout the timeout in {@code unit}s
     * @param unit its unit
     * @return nanoseconds to wait, at least 0
     * @throws NullPointerException if {@code unit} is null
     */
    public static long toNanos(long timeout, TimeUnit unit) {
        Objects.requireNonNull(unit, "unit: give the TimeUnit of the timeout");
        return timeout <= 0 ? 0 : unit.toNanos(timeout);
    }

    /**
     * {@code timeout} in nanoseconds, by the same rule.
     *
     * @param timeout the timeout
     * @return nanoseconds to wait, at least 0
     * @throws NullPointerException if {@code timeout} is null
     */
    public static long toNanos(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout: give a Duration such as Duration.ofSeconds(1)");
        if (timeout.isNegative() || timeout.isZero()) {
            return 0;
        }
        try {
            return timeout.toNanos();
        } catch (ArithmeticException beyondLong) {
            return FOREVER;
        }
    }
}
