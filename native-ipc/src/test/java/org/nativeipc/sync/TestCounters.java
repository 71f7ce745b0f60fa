package org.nativeipc.sync;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.Serializable;
import java.time.Duration;
import java.util.function.LongPredicate;

import org.nativeipc.internal.memory.RegionHandle;
import org.nativeipc.internal.memory.RegionKind;
import org.nativeipc.internal.memory.SharedRegion;

/**
 * A few longs in shared memory for tests: children report progress and results through them.
 * Serializable as its region handle; each process attaches its own mapping.
 */
final class TestCounters implements AutoCloseable, Serializable {
    private static final long serialVersionUID = 1L;
    private static final long POLL_MILLIS = 5;
    private static final int DAWDLE_SPINS = 20;

    private final RegionHandle handle;
    private transient SharedRegion region;

    private TestCounters(SharedRegion region) {
        this.handle = region.handle();
        this.region = region;
    }

    static TestCounters create(int count) {
        return new TestCounters(SharedRegion.create(RegionKind.TEST, 1, (long) count * Long.BYTES, r -> { }));
    }

    private SharedRegion region() {
        if (region == null) {
            region = handle.attach();
        }
        return region;
    }

    long get(int index) {
        return region().getLongVolatile(index * Long.BYTES);
    }

    void set(int index, long value) {
        region().setLongVolatile(index * Long.BYTES, value);
    }

    /** Atomic add; returns the new value. */
    long add(int index, long delta) {
        return region().getAndAddLong(index * Long.BYTES, delta) + delta;
    }

    boolean compareAndSet(int index, long expected, long value) {
        return region().compareAndSetLong(index * Long.BYTES, expected, value);
    }

    /** Raises counter {@code index} to {@code value} if it is lower (atomic). */
    void raiseTo(int index, long value) {
        long current;
        while ((current = get(index)) < value && !compareAndSet(index, current, value)) {
            Thread.onSpinWait();
        }
    }

    /**
     * Not atomic, and slow: read, dawdle, write — so that without mutual exclusion, concurrent
     * increments get lost for sure.
     */
    void incrementSlowly(int index) {
        long value = region().getLongVolatile(index * Long.BYTES);
        for (int i = 0; i < DAWDLE_SPINS; i++) {
            Thread.onSpinWait();
        }
        region().setLongVolatile(index * Long.BYTES, value + 1);
    }

    /** Polls until counter {@code index} satisfies {@code condition}; fails after {@code timeout}. */
    void awaitValue(int index, LongPredicate condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(get(index))) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out after " + timeout + " waiting for " + what + " (counter " + index + " is " + get(index) + ")");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** Polls until {@code condition} holds; fails after {@code timeout}. */
    static void awaitTrue(java.util.function.BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    @Override
    public void close() {
        if (region != null) {
            region.close();
        }
    }
}
