package org.nativeipc.sync;

import java.time.Duration;
import java.util.Objects;

import org.nativeipc.internal.sync.RobustMutex;

/**
 * Argument checks shared by this package's objects (timeouts follow the rule of every shared
 * object: {@link org.nativeipc.internal.object.Timeouts}).
 */
final class SyncArguments {
    private SyncArguments() {
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
