package org.nativeipc.torture;

import static org.nativeipc.torture.Ledger.*;

import java.util.ArrayList;
import java.util.Arrays;
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
    /** Double reads of the other holders' marks before giving up on a consistent one. */
    private static final int SNAPSHOT_ATTEMPTS = 100;
    private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(3);

    private final SharedSemaphore semaphore;
    private final int permits;
    private final List<Role> roles = new ArrayList<>();

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
            // The mark only grows (odd: inside, even: outside), across incarnations too, so two equal
            // reads of it mean it did not change in between; a killed predecessor's mark goes first.
            long mark = (ledger.role(slot, INSIDE) | 1) + 1;
            ledger.setRole(slot, INSIDE, mark);
            ledger.setRole(slot, TOKEN, Liveness.self());
            while (!ledger.stopped()) {
                if (!s.semaphore.tryAcquire(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                try {
                    ledger.setRole(slot, INSIDE, ++mark);
                    int inside = 1 + s.othersInside(ledger, this);
                    if (inside > s.permits) {
                        s.violation(ledger, this + ": " + inside + " live holders inside a semaphore of " + s.permits
                                + " permits: " + s.semaphore + "; me: " + describe(Liveness.self()) + "; "
                                + s.describeOthers(ledger, this));
                    }
                    LockSupport.parkNanos(random.nextLong(MAX_HOLD_NANOS));
                    ledger.setRole(slot, INSIDE, ++mark);
                    ledger.addRig(s.index, OPS, 1);
                } finally {
                    s.semaphore.release();
                }
                LockSupport.parkNanos(random.nextLong(MAX_PAUSE_NANOS));
            }
        }
    }

    /**
     * Other holders inside at one moment whose process still lives. The marks are read twice in
     * a row until both reads agree (a mark and a token never take an old value again), so every
     * holder counted was inside at the same instant — one pass over the slots could count a
     * holder that left and the one that took its permit a moment later. Liveness is looked at
     * after that instant, and now: a holder alive now was alive then, and a cached "alive" could
     * count one whose permit was already recovered.
     */
    private int othersInside(Ledger ledger, Role me) {
        for (int attempt = 0; attempt < SNAPSHOT_ATTEMPTS; attempt++) {
            long[] first = marks(ledger, me);
            long[] second = marks(ledger, me);
            if (Arrays.equals(first, second)) {
                int inside = 0;
                for (int i = 0; i < first.length; i += 2) {
                    if ((first[i + 1] & 1) == 1 && Liveness.isAliveNow(first[i])) {
                        inside++;
                    }
                }
                return inside;
            }
        }
        return 0; // the others moved on every attempt: no instant to judge, so no verdict
    }

    /** Token and mark of every other holder, in slot order. */
    private long[] marks(Ledger ledger, Role me) {
        long[] marks = new long[2 * roles.size()];
        int i = 0;
        for (Role role : roles) {
            if (role != me && role.slot != me.slot) {
                marks[i++] = ledger.role(role.slot, TOKEN);
                marks[i++] = ledger.role(role.slot, INSIDE);
            }
        }
        return Arrays.copyOf(marks, i);
    }

    /** The other holders' marks and liveness, for a violation's message. */
    private String describeOthers(Ledger ledger, Role me) {
        StringBuilder s = new StringBuilder();
        for (Role role : roles) {
            if (role != me && role.slot != me.slot) {
                long token = ledger.role(role.slot, TOKEN);
                s.append("slot ").append(role.slot).append(": ").append(describe(token)).append(", mark ")
                        .append(ledger.role(role.slot, INSIDE)).append(", alive ").append(Liveness.isAliveNow(token)).append("; ");
            }
        }
        return s.toString();
    }

    private static String describe(long token) {
        return "token " + Long.toHexString(token) + " (" + Liveness.describe(token) + ")";
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
                + " %d violations", name, ledger.rig(index, OPS), kills(), semaphore.recoveredPermits(), violations));
    }

    @Override
    void close() {
        semaphore.close();
    }
}
