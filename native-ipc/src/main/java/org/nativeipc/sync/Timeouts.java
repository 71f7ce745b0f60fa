package org.nativeipc.sync;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/** Argument checks shared by every timed operation of this package. */
final class Timeouts {
    private Timeouts() {
    }

    /**
     * {@code timeout} in nanoseconds (saturating at {@code Long.MAX_VALUE}, which means "no
     * limit" to the waiting code).
     *
     * @throws IllegalArgumentException if the timeout is negative
     * @throws NullPointerException if the unit is null
     */
    static long toNanos(long timeout, TimeUnit unit) {
        Objects.requireNonNull(unit, "unit: give the TimeUnit of the timeout");
        if (timeout < 0) {
            throw new IllegalArgumentException("timeout " + timeout + " " + unit + " is negative: give 0 (do not wait) or more");
        }
        return unit.toNanos(timeout);
    }

    /**
     * A check interval in nanoseconds, validated against the range every structure accepts.
     *
     * @throws IllegalArgumentException if out of range
     */
    static long checkInterval(Duration interval) {
        Objects.requireNonNull(interval, "interval: give a Duration such as Duration.ofMillis(200)");
        if (interval.compareTo(Duration.ofNanos(RobustMutex.MIN_CHECK_INTERVAL_NANOS)) < 0
                || interval.compareTo(Duration.ofNanos(RobustMutex.MAX_CHECK_INTERVAL_NANOS)) > 0) {
            throw new IllegalArgumentException("owner check interval " + interval + " is out of range: give between "
                    + Duration.ofNanos(RobustMutex.MIN_CHECK_INTERVAL_NANOS) + " and "
                    + Duration.ofNanos(RobustMutex.MAX_CHECK_INTERVAL_NANOS));
        }
        return interval.toNanos();
    }

    /** Requires {@code n >= 1}; {@code what} names the argument. */
    static int positive(int n, String what) {
        if (n < 1) {
            throw new IllegalArgumentException(what + " is " + n + ": give 1 or more");
        }
        return n;
    }
}
