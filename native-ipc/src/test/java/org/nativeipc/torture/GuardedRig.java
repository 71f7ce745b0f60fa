package org.nativeipc.torture;

import static org.nativeipc.torture.Ledger.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.nativeipc.sync.SharedCondition;
import org.nativeipc.sync.SharedLock;

/**
 * State guarded by a {@link SharedLock}, with or without a {@link SharedCondition}. Every role
 * counts what it did in its own ledger slot, then changes the guarded state with a plain read
 * and write, so two holders at once would lose an update. At every entry the holder checks that
 * the guarded state equals what the counts say; only right after taking the lock over from a
 * killed holder may they differ by that holder's one unfinished step, which the new holder
 * repairs. A {@link #withCondition lock alone}: holders count sections, and the state is the
 * number of sections done. With a condition: signallers count what they add, waiters what they
 * take, and the state is what is available.
 */
final class GuardedRig extends Rig {
    private static final long serialVersionUID = 1L;
    private static final long WAIT_MILLIS = 100;
    private static final long MAX_HOLD_NANOS = TimeUnit.MICROSECONDS.toNanos(500);
    private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(3);

    private final SharedLock lock;
    private final SharedCondition condition;
    private final List<Role> roles = new ArrayList<>();

    private GuardedRig(String name, int index, SharedLock lock, SharedCondition condition) {
        super(name, index);
        this.lock = lock;
        this.condition = condition;
    }

    /** A lock with {@code holders} roles that count critical sections. */
    static GuardedRig lockAlone(int index, SharedLock lock, int holders) {
        GuardedRig rig = new GuardedRig("lock", index, lock, null);
        for (int i = 0; i < holders; i++) {
            rig.roles.add(new Holder(rig, +1, "holder"));
        }
        return rig;
    }

    /** A lock and its condition, with signallers adding to the state and waiters taking from it. */
    static GuardedRig withCondition(int index, SharedLock lock, int signallers, int waiters) {
        GuardedRig rig = new GuardedRig("condition", index, lock, lock.newCondition());
        for (int i = 0; i < signallers; i++) {
            rig.roles.add(new Holder(rig, +1, "signaller"));
        }
        for (int i = 0; i < waiters; i++) {
            rig.roles.add(new Holder(rig, -1, "waiter"));
        }
        return rig;
    }

    @Override
    List<Role> roles() {
        return roles;
    }

    /** What the counts say the state is: additions minus takings. */
    private long expected(Ledger ledger) {
        long sum = 0;
        for (Role role : roles) {
            sum += ((Holder) role).sign * ledger.role(role.slot, DONE);
        }
        return sum;
    }

    /**
     * Compares the guarded state with the counts (holding the lock); repairs a killed holder's
     * unfinished step after a takeover. Returns the state to go on from.
     */
    private long checkedState(Ledger ledger, Role role) {
        long state = ledger.plainRig(index, STATE);
        long expected = expected(ledger);
        long difference = expected - state;
        if (difference == 0) {
            return state;
        }
        if (lock.previousOwnerDied() && Math.abs(difference) == 1) {
            ledger.setPlainRig(index, STATE, expected);
            ledger.addRig(index, REPAIRS, 1);
            return expected;
        }
        violation(ledger, role + ": guarded state " + state + " but the counts say " + expected
                + (lock.previousOwnerDied() ? " (after a takeover)" : "") + ": mutual exclusion was broken; " + lock);
        ledger.setPlainRig(index, STATE, expected);
        return expected;
    }

    private static final class Holder extends Role {
        private static final long serialVersionUID = 1L;
        /** +1: adds one per step (a section, a signal); -1: takes one (a wait satisfied). */
        final int sign;

        Holder(GuardedRig rig, int sign, String kind) {
            super(rig, kind);
            this.sign = sign;
        }

        @Override
        void run(Ledger ledger, Random random) throws Exception {
            GuardedRig g = (GuardedRig) rig;
            while (!ledger.stopped()) {
                if (!g.lock.tryLock(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                try {
                    long state = g.checkedState(ledger, this);
                    if (sign < 0) {
                        while (state == 0 && !ledger.stopped()) {
                            g.condition.await(WAIT_MILLIS, TimeUnit.MILLISECONDS);
                            state = g.checkedState(ledger, this);
                        }
                        if (state == 0) {
                            break;
                        }
                    }
                    ledger.setRole(slot, DONE, ledger.role(slot, DONE) + 1);
                    LockSupport.parkNanos(random.nextLong(MAX_HOLD_NANOS)); // let a broken exclusion show
                    ledger.setPlainRig(g.index, STATE, state + sign);
                    if (g.condition != null && sign > 0) {
                        g.condition.signal();
                    }
                    ledger.addRig(g.index, OPS, 1);
                } finally {
                    g.lock.unlock();
                }
                LockSupport.parkNanos(random.nextLong(MAX_PAUSE_NANOS));
            }
        }
    }

    @Override
    void finish(Ledger ledger, Verdict verdict) throws Exception {
        verdict.check(lock.tryLock(1, TimeUnit.MINUTES), name + ": the lock could not be taken at the end: " + lock);
        try {
            long state = ledger.plainRig(index, STATE);
            long expected = expected(ledger);
            boolean repairable = lock.previousOwnerDied() && Math.abs(expected - state) == 1;
            verdict.check(state == expected || repairable, name + ": the guarded state is " + state + ", the counts say " + expected);
        } finally {
            lock.unlock();
        }
        long violations = ledger.rig(index, VIOLATIONS);
        verdict.check(violations == 0, name + ": mutual exclusion broken " + violations + " times (see the hosts' stderr)");
        verdict.figure(String.format("%s: %d critical sections, %d holder kills, %d takeovers, %d repairs of a killed holder's"
                + " unfinished step, %d exclusion violations", name, ledger.rig(index, OPS), kills(), lock.takeoverCount(),
                ledger.rig(index, REPAIRS), violations));
    }

    @Override
    void close() {
        lock.close();
    }
}
