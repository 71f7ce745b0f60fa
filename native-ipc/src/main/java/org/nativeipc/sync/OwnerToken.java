package org.nativeipc.sync;

import java.util.Optional;

import org.nativeipc.internal.posix.ProcessIdentity;

/**
 * A process incarnation packed into one {@code long}, so that it fits a lock word and can be
 * installed with a single compare-and-set.
 *
 * <pre>
 *  63                              32 31                               0
 *  +---------------------------------+---------------------------------+
 *  | low 32 bits of the start token  | pid                             |
 *  +---------------------------------+---------------------------------+
 * </pre>
 *
 * <p>The value is never 0 (pids are positive), so 0 can mean "nobody". The start token (clock
 * ticks since boot on Linux, start instant in milliseconds elsewhere; see
 * {@link ProcessIdentity}) guards against pid reuse: a recycled pid is taken for the old owner
 * only if the new process started at exactly the same tick modulo 2<sup>32</sup> ticks (497
 * days at 100 Hz), which is as good as never.
 */
final class OwnerToken {
    /** No owner. */
    static final long NONE = 0;
    private static final long PID_MASK = 0xFFFF_FFFFL;
    private static final int START_SHIFT = 32;
    private static final long CURRENT = of(ProcessIdentity.current());

    private OwnerToken() {
    }

    /** The token of this process. */
    static long current() {
        return CURRENT;
    }

    static long of(ProcessIdentity identity) {
        return (identity.startToken() << START_SHIFT) | (identity.pid() & PID_MASK);
    }

    /** The pid in {@code token}; 0 for {@link #NONE}. */
    static long pid(long token) {
        return token & PID_MASK;
    }

    /**
     * True while the process that {@code token} names is running: its pid exists, is not a
     * zombie, and (when both are known) started at the same time. This process is alive by
     * definition; a token with this process's pid but another start token is a dead
     * predecessor. Reads {@code /proc} for other processes (tens of microseconds): slow paths
     * only.
     */
    static boolean isAlive(long token) {
        if (token == CURRENT) {
            return true;
        }
        long pid = pid(token);
        if (pid == pid(CURRENT)) {
            return false;
        }
        Optional<ProcessIdentity> running = ProcessIdentity.ofRunning(pid);
        if (running.isEmpty()) {
            return false;
        }
        int recordedStart = (int) (token >>> START_SHIFT);
        int runningStart = (int) running.get().startToken();
        return recordedStart == 0 || runningStart == 0 || recordedStart == runningStart;
    }

    /** "pid 1234" for messages and {@code toString()}; "nobody" for {@link #NONE}. */
    static String describe(long token) {
        return token == NONE ? "nobody" : "pid " + pid(token);
    }
}
