package org.nativeipc.torture;

import static org.nativeipc.torture.Ledger.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.nativeipc.internal.liveness.Liveness;
import org.nativeipc.sync.SharedSemaphore;

/**
 * Holders of a semaphore's permits: each marks itself inside (with its process's liveness token)
 * while it holds one, and counts the other live holders inside: never more than the permits.
 * Permits of killed holders must come back: at the end all of them can be acquired.
 */
final class SemaphoreRig extends Rig {
    private static final long serialVersionUID = 1L;
    private static final long WAIT_MILLIS = 100;
    private static final long MAX_HOLD_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(3);

    private final SharedSemaphore semaphore;
    private final int permits;
    private final List<Role> roles = new ArrayList<>();
    private transient int kills;

    SemaphoreRig(int index, SharedSemaphore semaphore, int permits, int holders) {
        super("semaphore", index);
        this.semaphore = semaphore;
        this.permits = permits;
        for (int i = 0; i < holders; i++) {
            roles.add(new Holder(this));
        }
    }

    @Override
    List<Role> roles() {
        return roles;
    }

    private static final class Holder extends Role {
        private static final long serialVersionUID = 1L;

        Holder(SemaphoreRig rig) {
            super(rig, "permit holder");
        }

        @Override
        void run(Ledger ledger, Random random) throws Exception {
            SemaphoreRig s = (SemaphoreRig) rig;
            ledger.setRole(slot, INSIDE, 0); // a killed predecessor's mark goes before this process's token comes
            ledger.setRole(slot, TOKEN, Liveness.self());
            while (!ledger.stopped()) {
                if (!s.semaphore.tryAcquire(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                try {
                    ledger.setRole(slot, INSIDE, 1);
                    int inside = 1 + s.othersInside(ledger, this);
                    if (inside > s.permits) {
                        ledger.addRig(s.index, VIOLATIONS, 1);
                        System.err.println("torture " + this + ": " + inside + " live holders inside a semaphore of " + s.permits
                                + " permits: " + s.semaphore + "; me: " + describe(Liveness.self()) + "; "
                                + s.describeOthers(ledger, this));
                    }
                    LockSupport.parkNanos(random.nextLong(MAX_HOLD_NANOS));
                    ledger.setRole(slot, INSIDE, 0);
                    ledger.addRig(s.index, OPS, 1);
                } finally {
                    s.semaphore.release();
                }
                LockSupport.parkNanos(random.nextLong(MAX_PAUSE_NANOS));
            }
        }
    }

    /**
     * Other holders marked inside whose process lives (token read before and after the mark: the
     * same incarnation). Liveness is looked at now: a holder killed a moment ago may already have
     * had its permit taken over, while a cached "alive" would still count it.
     */
    private int othersInside(Ledger ledger, Role me) {
        int inside = 0;
        for (Role role : roles) {
            if (role == me || role.slot == me.slot) {
                continue;
            }
            long token = ledger.role(role.slot, TOKEN);
            boolean marked = ledger.role(role.slot, INSIDE) == 1;
            if (marked && ledger.role(role.slot, TOKEN) == token && Liveness.isAliveNow(token)) {
                inside++;
            }
        }
        return inside;
    }

    /** The other holders' marks and liveness, for a violation's message. */
    private String describeOthers(Ledger ledger, Role me) {
        StringBuilder s = new StringBuilder();
        for (Role role : roles) {
            if (role != me && role.slot != me.slot) {
                long token = ledger.role(role.slot, TOKEN);
                s.append("slot ").append(role.slot).append(": ").append(describe(token)).append(", inside ")
                        .append(ledger.role(role.slot, INSIDE)).append(", alive ").append(Liveness.isAliveNow(token)).append("; ");
            }
        }
        return s.toString();
    }

    private static String describe(long token) {
        return "token " + Long.toHexString(token) + " (" + Liveness.describe(token) + ")";
    }

    @Override
    synchronized void onKilled(Ledger ledger, Role role) {
        kills++;
    }

    @Override
    void finish(Ledger ledger, Verdict verdict) throws Exception {
        boolean all = semaphore.tryAcquire(permits, 1, TimeUnit.MINUTES);
        verdict.check(all, name + ": not all " + permits + " permits came back from killed holders: " + semaphore);
        if (all) {
            semaphore.release(permits);
        }
        long violations = ledger.rig(index, VIOLATIONS);
        verdict.check(violations == 0, name + ": more live holders than permits " + violations + " times (see the hosts' stderr)");
        verdict.figure(String.format("%s: %d acquisitions, %d holder kills, %d permits recovered from dead holders,"
                + " %d violations", name, ledger.rig(index, OPS), kills, semaphore.recoveredPermits(), violations));
    }

    @Override
    void close() {
        semaphore.close();
    }
}
