package org.nativeipc.sync;

import org.nativeipc.internal.liveness.Liveness;

/** The live-state part of the locks' {@code toString()}. */
final class LockStates {
    private LockStates() {
    }

    /**
     * "locked by pid 42 (thread 'main' of this process, hold count 2), 1 sleeping waiter" or
     * "unlocked"; {@code holds} is the holder's hold count if known here, else negative.
     */
    static String describe(RobustMutex mutex, int holds) {
        long owner = mutex.owner();
        StringBuilder s = new StringBuilder();
        if (owner == Liveness.NOBODY) {
            s.append("unlocked");
        } else {
            s.append("locked by ").append(Liveness.describe(owner));
            Thread thread = mutex.ownerThread();
            if (owner == Liveness.self()) {
                s.append(" (thread '").append(thread == null ? "?" : thread.getName()).append("' of this process");
                if (holds > 0) {
                    s.append(", hold count ").append(holds);
                }
                s.append(')');
            } else if (!Liveness.isAlive(owner)) {
                s.append(" (dead: the next waiter takes it over)");
            }
        }
        int sleepers = mutex.sleepers();
        s.append(", ").append(sleepers).append(sleepers == 1 ? " sleeping waiter" : " sleeping waiters");
        long takeovers = mutex.takeovers();
        if (takeovers > 0) {
            s.append(", taken over from dead holders ").append(takeovers).append(takeovers == 1 ? " time" : " times");
        }
        return s.toString();
    }
}
