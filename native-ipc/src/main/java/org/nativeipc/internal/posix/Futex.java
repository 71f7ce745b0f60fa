package org.nativeipc.internal.posix;

/**
 * Sleeping and waking on a 32-bit word in shared memory, across processes: Linux
 * {@code futex} (non-private operations) or macOS {@code __ulock_wait}/{@code __ulock_wake}
 * (shared variants).
 *
 * <p>Both calls are system calls costing about a microsecond; callers keep them off the fast
 * path by counting sleepers and waking only when one exists. A thread sleeping here does not
 * see {@link Thread#interrupt()}: callers wait in slices and check for interrupts between them.
 */
public interface Futex {

    /** Wakes every sleeper, for {@link #wake}. */
    int ALL = Integer.MAX_VALUE;

    /** The implementation for this platform; binds the C library on first use. */
    static Futex platform() {
        return FutexHolder.INSTANCE;
    }

    /**
     * Sleeps while the word at {@code address} holds {@code expected}, for at most
     * {@code timeoutNanos}. Returns at once if the word holds another value. May return
     * spuriously: callers re-check their condition.
     *
     * @param address native address of a 4-byte-aligned word in a shared mapping
     * @param timeoutNanos maximum sleep; {@code Long.MAX_VALUE} for no limit
     * @return false if the timeout elapsed, true otherwise (woken, value differed, spurious)
     */
    boolean await(long address, int expected, long timeoutNanos);

    /**
     * Wakes up to {@code count} sleepers on the word at {@code address} ({@link #ALL} for all).
     */
    void wake(long address, int count);
}

/** Lazily chosen platform implementation. */
final class FutexHolder {
    static final Futex INSTANCE = OperatingSystem.current() == OperatingSystem.LINUX
            ? new LinuxFutex() : new DarwinUlock();

    private FutexHolder() {
    }
}
