package org.nativeipc.internal.wait;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.internal.posix.Futex;

/**
 * A place in shared memory where threads of any process sleep until a condition holds: an
 * event count (Vyukov's pattern) over two 32-bit words, so that the side that makes the
 * condition true pays no system call unless someone is actually asleep.
 *
 * <pre>
 *  offset+0  int  sequence  bumped by every signal that finds a sleeper; the futex word
 *  offset+4  int  sleepers  how many threads (in all processes) are in or entering a sleep
 * </pre>
 *
 * <p>A waiter spins briefly (up to {@link #SPIN_TRIES} checks, adapting), then loops: read the sequence,
 * count itself as a sleeper, re-check the condition, sleep on the sequence word for at most
 * {@link #SLEEP_SLICE_NANOS}, uncount itself. A signaller changes the shared state with a
 * volatile or atomic write, then reads the sleeper count; only if it is non-zero does it bump
 * the sequence and wake. The volatile write/read pairs on both sides (Dekker) guarantee that
 * either the signaller sees the sleeper or the sleeper sees the new state. A signaller that
 * publishes with a cheaper release store gets the same outcome in practice: the waiter keeps
 * re-checking for {@link #REGISTERED_SPIN_TRIES} after counting itself, and in the worst case
 * sees the new state one slice late.
 *
 * <p>Sleeping in slices bounds how late a waiter sees {@link Thread#interrupt()} and lets the
 * condition itself run periodic checks (such as "has the owner died?") each time it is asked.
 * Before each sleep a waiter also checks that the region's creator has not closed it: a wait on
 * a closed object ends with a {@link org.nativeipc.internal.memory.RegionClosedException} within
 * a slice, whichever process closed it.
 * A process killed while counted as a sleeper leaves the count too high: later signals then
 * make a harmless extra wake call until the structure is recreated.
 */
public final class EventCount {
    /** Bytes this structure occupies in a region (two ints; 4-byte aligned offset required). */
    public static final int BYTES = 8;
    /** Condition checks with {@link Thread#onSpinWait()} before sleeping (a few microseconds). */
    public static final int SPIN_TRIES = 200;
    /**
     * Fewest condition checks before sleeping. The spin phase adapts per object (so per process):
     * each wait that had to sleep halves it down to this, each wait that ended without sleeping
     * (in the spin phase or in the {@link #REGISTERED_SPIN_TRIES} checks before sleeping) doubles it
     * back up to {@link #SPIN_TRIES} — so a waiter whose condition keeps arriving just after its
     * spin phase does not stay stuck at the minimum, counting itself as a sleeper every time and
     * making every signal a system call. A waiter that always ends up asleep (a receiver idle between
     * rare messages) stops burning a spin phase first; this matters when the wakee is run on the
     * waker's CPU (common on a loaded or virtual 2-core machine), where the wakee's spinning delays
     * the waker.
     */
    public static final int MIN_SPIN_TRIES = 8;
    /**
     * Condition checks after a waiter has counted itself as a sleeper and before it sleeps. They
     * cover signallers that publish with a release store and no StoreLoad fence (the queue rings'
     * hot path): such a signaller may read the sleeper count while its own store still sits in its
     * CPU's store buffer, see no sleeper and skip the wake. The store drains within this window in
     * practice; should it not, the waiter sees it at the end of its slice at the latest.
     */
    public static final int REGISTERED_SPIN_TRIES = 64;
    /** Longest single sleep: bounds interrupt latency and the period of the condition's own checks. */
    public static final long SLEEP_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private static final int SEQUENCE = 0;
    private static final int SLEEPERS = 4;

    private final SharedRegion region;
    /** Current length of the spin phase (see {@link #MIN_SPIN_TRIES}); racy updates are harmless. */
    private volatile int spinTries = SPIN_TRIES;
    private final int sequenceOffset;
    private final int sleepersOffset;
    private volatile long sequenceAddress;

    /** An event count at {@code offset} of {@code region}'s payload (zero-initialized is valid). */
    public EventCount(SharedRegion region, int offset) {
        if ((offset & 3) != 0) {
            throw new IllegalArgumentException("event count offset " + offset + " is not 4-byte aligned");
        }
        this.region = region;
        this.sequenceOffset = offset + SEQUENCE;
        this.sleepersOffset = offset + SLEEPERS;
    }

    /** Wakes every sleeper, if there is any; costs one volatile read when there is none. */
    public void signalAll() {
        signal(Futex.ALL);
    }

    /** Wakes one sleeper (macOS may wake more), if there is any. */
    public void signalOne() {
        signal(1);
    }

    private void signal(int count) {
        if (region.getIntVolatile(sleepersOffset) > 0) {
            region.getAndAddInt(sequenceOffset, 1);
            Futex.platform().wake(address(), count);
        }
    }

    /** Sleeper count, for {@code toString()} of the structures that use this. */
    public int sleepers() {
        return region.getIntVolatile(sleepersOffset);
    }

    /**
     * Waits until {@code ready} returns true, for at most {@code timeoutNanos}
     * ({@code Long.MAX_VALUE}: no limit).
     *
     * @param ready the condition; it is called repeatedly (after every wake and every slice), so it
     *     must be cheap and may carry out the caller's periodic checks
     * @return true if the condition held, false if the timeout elapsed first
     * @throws InterruptedException if the thread is interrupted while waiting (checked between slices)
     * @throws org.nativeipc.internal.memory.RegionClosedException if the region's creator closed it
     */
    public boolean await(BooleanSupplier ready, long timeoutNanos) throws InterruptedException {
        return await(ready, timeoutNanos, true);
    }

    /** As {@link #await}, but not interruptible: an interrupt is kept pending for the caller. */
    public boolean awaitUninterruptibly(BooleanSupplier ready, long timeoutNanos) {
        try {
            return await(ready, timeoutNanos, false);
        } catch (InterruptedException impossible) {
            throw new AssertionError(impossible);
        }
    }

    private boolean await(BooleanSupplier ready, long timeoutNanos, boolean interruptible) throws InterruptedException {
        if (interruptible && Thread.interrupted()) {
            throw new InterruptedException();
        }
        final int tries = spinTries;
        for (int i = 0; i < tries; i++) {
            if (ready.getAsBoolean()) {
                spinSucceeded(tries);
                return true;
            }
            Thread.onSpinWait();
        }
        final long start = System.nanoTime();
        boolean slept = false;
        boolean interrupted = false;
        try {
            while (true) {
                int sequence = region.getIntVolatile(sequenceOffset);
                region.getAndAddInt(sleepersOffset, 1);
                try {
                    for (int i = 0; i < REGISTERED_SPIN_TRIES; i++) {
                        if (ready.getAsBoolean()) {
                            if (!slept) {
                                spinSucceeded(tries);
                            }
                            return true;
                        }
                        Thread.onSpinWait();
                    }
                    long remaining = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : timeoutNanos - (System.nanoTime() - start);
                    if (remaining <= 0) {
                        return false;
                    }
                    if (!slept && tries > MIN_SPIN_TRIES) {
                        spinTries = Math.max(MIN_SPIN_TRIES, tries / 2);
                    }
                    slept = true;
                    region.checkNotClosedByCreator();
                    Futex.platform().await(address(), sequence, Math.min(remaining, SLEEP_SLICE_NANOS));
                } finally {
                    region.getAndAddInt(sleepersOffset, -1);
                }
                if (Thread.interrupted()) {
                    if (interruptible) {
                        throw new InterruptedException();
                    }
                    interrupted = true;
                }
                if (ready.getAsBoolean()) {
                    return true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Current length of the spin phase (for tests). */
    int spinTries() {
        return spinTries;
    }

    /** A wait ended without sleeping: lengthen the spin phase again (see {@link #MIN_SPIN_TRIES}). */
    private void spinSucceeded(int tries) {
        if (tries < SPIN_TRIES) {
            spinTries = Math.min(SPIN_TRIES, 2 * tries);
        }
    }

    private long address() {
        long a = sequenceAddress;
        if (a == 0) {
            a = region.address(sequenceOffset);
            sequenceAddress = a;
        }
        return a;
    }
}
