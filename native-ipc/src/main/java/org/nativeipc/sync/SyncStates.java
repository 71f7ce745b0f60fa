package org.nativeipc.sync;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.nativeipc.internal.liveness.Liveness;
import org.nativeipc.internal.sync.RobustMutex;

/**
 * The live state of this package's objects as {@code nipc inspect} shows it (labels and values,
 * in order), and the locks' part of {@code toString()}.
 */
final class SyncStates {
    private SyncStates() {
    }

    /** A lock: holder, waiters, takeovers. */
    static Map<String, Object> of(AbstractSharedLock lock) {
        RobustMutex mutex = lock.mutex;
        Map<String, Object> state = new LinkedHashMap<>();
        long owner = mutex.owner();
        state.put("locked", owner != Liveness.NOBODY);
        if (owner != Liveness.NOBODY) {
            state.put("holder", Liveness.describe(owner) + (Liveness.isAlive(owner) ? "" : " (dead: the next waiter takes it over)"));
        }
        state.put("sleeping waiters", mutex.sleepers());
        state.put("taken over from dead holders", mutex.takeovers());
        state.put("owner check interval", Duration.ofNanos(mutex.checkIntervalNanos()).toMillis() + " ms");
        return state;
    }

    /** A semaphore: permits, holders, waiters, recoveries. */
    static Map<String, Object> of(SharedSemaphore semaphore) {
        PermitLedger ledger = semaphore.ledger;
        String holders = ledger.describeHolders();
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("available permits", ledger.available());
        state.put("initial permits", ledger.initial());
        state.put("bounded", ledger.bounded());
        state.put("held by", holders.isEmpty() ? "nobody" : holders);
        state.put("sleeping waiters", semaphore.events.sleepers());
        state.put("recovered from dead holders", ledger.recoveredTotal());
        return state;
    }

    /** An event: set or not, how often set, waiters. */
    static Map<String, Object> of(SharedEvent event) {
        long word = event.state();
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("set", (word & SharedEventLayout.SET) != 0);
        state.put("times set", word >>> 1);
        state.put("sleeping waiters", event.events.sleepers());
        return state;
    }

    /** A barrier: parties, waiting, round, broken. */
    static Map<String, Object> of(SharedBarrier barrier) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("parties", barrier.getParties());
        state.put("waiting", barrier.getNumberWaiting());
        state.put("round", barrier.round());
        state.put("broken", barrier.isBroken());
        return state;
    }

    /** A condition: waiting threads. */
    static Map<String, Object> of(SharedCondition condition) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("waiting threads", condition.getWaitQueueLength());
        state.put("most waiting threads", condition.maxWaiters());
        return state;
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
