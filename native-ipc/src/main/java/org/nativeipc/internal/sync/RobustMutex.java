package org.nativeipc.internal.sync;

import static org.nativeipc.internal.memory.SharedRegion.INTS;
import static org.nativeipc.internal.memory.SharedRegion.LONGS;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.nativeipc.internal.liveness.Liveness;
import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.internal.wait.EventCount;

/**
 * The mutual exclusion under every lock of this package: a lock word holding the owning
 * process's liveness token ({@link Liveness}), taken over when that process dies. Not public API: the public
 * faces are {@code org.nativeipc.sync.SharedLock} and {@code SharedReentrantLock}; the semaphore,
 * the barrier and the stripes of {@code org.nativeipc.shared.SharedMap} guard their bookkeeping with one.
 *
 * <pre>
 *  offset+0   long  owner         liveness token of the holding process; 0 when free (the lock word)
 *  offset+8   int   sequence   ┐  {@link EventCount}: where waiters of every process sleep
 *  offset+12  int   sleepers   ┘
 *  offset+16  int   wakePending   1 from a wake until the woken waiter runs again
 *  offset+20  int   reserved
 *  offset+24  long  takeovers     times a dead owner's lock was taken over (statistics)
 *  offset+32  long  checkInterval nanoseconds a waiter waits before asking whether the owner lives
 *  offset+40  ...   reserved to offset+63 (the block is one cache line)
 * </pre>
 *
 * <p><b>Fast path.</b> Acquire is one compare-and-set of the owner word from 0 to this
 * process's token; release is a release store of 0 and one read of the sleeper count. No
 * system call unless a waiter sleeps. Which <em>thread</em> of the owning process holds the
 * lock is process-local state ({@link #ownerThread}), correct because each process has one
 * object per region. A release store has no StoreLoad fence: the unlocker's read of the sleeper
 * count may overtake its store, so it can miss a waiter that counted itself just then while
 * that waiter still sees the lock held. Waiters cover this by re-checking the lock word
 * {@link #RECHECKS_BEFORE_SLEEP} times before each sleep, long enough for a store buffer to
 * drain; in the worst case a waiter sees the free lock at the end of its 20 ms slice.
 *
 * <p><b>Waiting.</b> A waiter spins, then sleeps in the event count. An unlocker that finds
 * sleepers wakes one and raises {@code wakePending}; further unlocks do not wake again until a
 * woken waiter has run (it clears the flag before re-checking the lock), so a busy owner pays
 * one wake per sleep of its rival, not one per unlock.
 *
 * <p><b>Dead owner.</b> A waiter that has waited {@code checkInterval} asks, once per interval,
 * whether the owner process still runs ({@link Liveness#isAlive}); if not, it installs its
 * own token with a compare-and-set from the dead token (exactly one waiter wins) and records
 * that the previous owner died. The bound from death to takeover is the interval plus one
 * sleep slice ({@link EventCount#SLEEP_SLICE_NANOS}).
 */
public final class RobustMutex {
    /** Bytes the mutex occupies (one cache line); offsets must be 8-byte aligned. */
    public static final int BYTES = 64;
    /** Default time a waiter waits before checking whether the owner lives (takeover bound ~ this + 20 ms). */
    public static final long DEFAULT_CHECK_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** Shortest configurable check interval: looking at the owner more often than this only burns CPU. */
    public static final long MIN_CHECK_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** Longest configurable check interval. */
    public static final long MAX_CHECK_INTERVAL_NANOS = TimeUnit.HOURS.toNanos(1);

    /**
     * Checks of the lock word a waiter makes, past its first spin, each time before it would
     * sleep: they let the unlocker's release store drain from its CPU's store buffer, which its
     * read of the sleeper count may have overtaken (see the class comment).
     */
    public static final int RECHECKS_BEFORE_SLEEP = 64;

    private static final int OWNER = 0;
    private static final int EVENTS = 8;
    private static final int WAKE_PENDING = 16;
    private static final int TAKEOVERS = 24;
    private static final int CHECK_INTERVAL = 32;

    private static final System.Logger LOG = System.getLogger(RobustMutex.class.getPackageName());

    private final ByteBuffer memory;
    /** The region's file name, for messages. */
    private final String name;
    private final int ownerOffset;
    private final int wakePendingOffset;
    private final int takeoversOffset;
    private final int checkIntervalOffset;
    private final EventCount events;
    private final long me = Liveness.self();

    /** The thread of this process that holds the lock; plain field, see class comment. */
    private Thread ownerThread;
    /** True while held after a takeover from a dead owner. Written and read by the holder only. */
    private boolean ownerDied;

    public RobustMutex(SharedRegion region, int offset) {
        if ((offset & 7) != 0) {
            throw new IllegalArgumentException("mutex offset " + offset + " is not 8-byte aligned");
        }
        this.memory = region.payload();
        this.name = region.path().getFileName().toString();
        this.ownerOffset = offset + OWNER;
        this.wakePendingOffset = offset + WAKE_PENDING;
        this.takeoversOffset = offset + TAKEOVERS;
        this.checkIntervalOffset = offset + CHECK_INTERVAL;
        this.events = new EventCount(region, offset + EVENTS);
    }

    /** Writes the initial state into a freshly created (zeroed) region. */
    public static void initialize(SharedRegion region, int offset) {
        region.putLong(offset + CHECK_INTERVAL, DEFAULT_CHECK_INTERVAL_NANOS);
    }

    // ---- acquire and release -----------------------------------------------------------------

    /** One attempt: true if this thread now holds the lock. */
    public boolean tryLock() {
        if (LONGS.compareAndSet(memory, ownerOffset, Liveness.NOBODY, me)) {
            ownerThread = Thread.currentThread();
            ownerDied = false;
            return true;
        }
        return false;
    }

    /**
     * Acquires within {@code timeoutNanos} ({@code Long.MAX_VALUE}: no limit), spinning then
     * sleeping, taking over from a dead owner.
     *
     * @return true if acquired, false if the time ran out
     * @throws InterruptedException if {@code interruptible} and the thread was interrupted
     */
    public boolean lock(long timeoutNanos, boolean interruptible) throws InterruptedException {
        if (tryLock()) {
            return true;
        }
        Waiter waiter = new Waiter();
        return interruptible ? events.await(waiter, timeoutNanos) : events.awaitUninterruptibly(waiter, timeoutNanos);
    }

    /** Acquires without limit and without responding to interrupts (an interrupt stays pending). */
    public void lockUninterruptibly() {
        if (!tryLock()) {
            events.awaitUninterruptibly(new Waiter(), Long.MAX_VALUE);
        }
    }

    /**
     * Releases the lock held by the current thread.
     *
     * @throws IllegalMonitorStateException if the current thread does not hold it
     */
    public void unlock() {
        if (ownerThread != Thread.currentThread()) {
            throw notHeld("unlock");
        }
        ownerThread = null;
        ownerDied = false;
        long owner = (long) LONGS.get(memory, ownerOffset);
        if (owner != me) {
            throw new IllegalMonitorStateException("the lock was taken over by " + Liveness.describe(owner)
                    + " while this thread held it: that process judged this one dead");
        }
        LONGS.setRelease(memory, ownerOffset, Liveness.NOBODY);
        if (events.sleepers() > 0) {
            wakeOne();
        }
    }

    private void wakeOne() {
        if ((int) INTS.getVolatile(memory, wakePendingOffset) == 0
                && INTS.compareAndSet(memory, wakePendingOffset, 0, 1)) {
            events.signalOne();
        }
    }

    /** One attempt to take the lock from a dead owner (or a free lock). */
    private boolean tryTakeOver() {
        long owner = owner();
        if (owner == Liveness.NOBODY) {
            return tryLock();
        }
        if (Liveness.isAlive(owner) || !LONGS.compareAndSet(memory, ownerOffset, owner, me)) {
            return false;
        }
        ownerThread = Thread.currentThread();
        ownerDied = true;
        LONGS.getAndAdd(memory, takeoversOffset, 1L);
        LOG.log(System.Logger.Level.WARNING, "took over the lock of " + name + " from " + Liveness.describe(owner)
                + ", which died holding it: the state it guards may be half-updated (previousOwnerDied() is true)");
        return true;
    }

    /** The condition an acquiring thread waits for; once per check interval it looks at the owner. */
    private final class Waiter extends PeriodicWaiter {
        Waiter() {
            super(checkIntervalNanos());
        }

        @Override
        protected boolean ready() {
            if ((int) INTS.getVolatile(memory, wakePendingOffset) != 0) {
                INTS.setVolatile(memory, wakePendingOffset, 0);
            }
            if (owner() == Liveness.NOBODY && tryLock()) {
                return true;
            }
            if (!pastFirstSpin()) {
                return false;
            }
            for (int i = 0; i < RECHECKS_BEFORE_SLEEP; i++) {
                Thread.onSpinWait();
                if (owner() == Liveness.NOBODY && tryLock()) {
                    return true;
                }
            }
            return false;
        }

        @Override
        protected boolean check() {
            return tryTakeOver();
        }
    }

    // ---- state -----------------------------------------------------------------------------------

    /** The owner word: the holding process's token, 0 when free. */
    public long owner() {
        return (long) LONGS.getVolatile(memory, ownerOffset);
    }

    public boolean isHeldByCurrentThread() {
        return ownerThread == Thread.currentThread();
    }

    /** The holding thread if it is in this process, else null (racy: for display). */
    public Thread ownerThread() {
        return ownerThread;
    }

    /** True while the current thread holds the lock and took it over from a dead owner. */
    public boolean previousOwnerDied() {
        return ownerThread == Thread.currentThread() && ownerDied;
    }

    /** Threads (all processes) asleep waiting for the lock. */
    public int sleepers() {
        return events.sleepers();
    }

    public long takeovers() {
        return (long) LONGS.getVolatile(memory, takeoversOffset);
    }

    public long checkIntervalNanos() {
        return (long) LONGS.getVolatile(memory, checkIntervalOffset);
    }

    public void checkIntervalNanos(long nanos) {
        LONGS.setVolatile(memory, checkIntervalOffset, nanos);
    }

    public IllegalMonitorStateException notHeld(String operation) {
        long owner = owner();
        String holder = owner == Liveness.NOBODY ? "it is not locked"
                : owner == me ? (ownerThread == null ? "another thread of this process holds it"
                        : "thread '" + ownerThread.getName() + "' of this process holds it")
                : "it is held by " + Liveness.describe(owner);
        return new IllegalMonitorStateException(operation + " by thread '" + Thread.currentThread().getName()
                + "', which does not hold the lock: " + holder + " (only the holder may " + operation + ")");
    }
}
