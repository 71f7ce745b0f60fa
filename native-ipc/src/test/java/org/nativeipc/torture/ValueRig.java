package org.nativeipc.torture;

import static org.nativeipc.torture.Ledger.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.nativeipc.shared.SharedDouble;
import org.nativeipc.shared.SharedLong;
import org.nativeipc.shared.SharedLongArray;

/**
 * Shared values under fire: adders increment a {@link SharedLong} and a {@link SharedDouble} and
 * then count the step in their ledger slot, and each writes a self-checking pattern into its own
 * element of a {@link SharedLongArray} while reading everyone else's. A value is never torn and
 * never goes back; at the end each total lies between the steps counted and that plus the
 * adders killed (a kill between the update and the count is the only way they differ).
 */
final class ValueRig extends Rig {
    private static final long serialVersionUID = 1L;
    private static final long MAX_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
    /** The high half of an element is its round, the low half the round's bits flipped. */
    private static final long LOW_HALF = 0xFFFF_FFFFL;

    private final SharedLong counter;
    private final SharedDouble sum;
    private final SharedLongArray patterns;
    private final List<Role> roles = new ArrayList<>();

    ValueRig(int index, int adders) {
        super("shared values", index);
        this.counter = SharedLong.create(0);
        this.sum = SharedDouble.create(0);
        this.patterns = SharedLongArray.create(adders);
        for (int i = 0; i < adders; i++) {
            roles.add(new Adder(this, i));
        }
    }

    @Override
    List<Role> roles() {
        return roles;
    }

    static long pattern(long round) {
        return round << 32 | (~round & LOW_HALF);
    }

    static boolean isPattern(long element) {
        return element == 0 || element == pattern(element >>> 32);
    }

    private static final class Adder extends Role {
        private static final long serialVersionUID = 1L;
        private final int element;

        Adder(ValueRig rig, int element) {
            super(rig, "adder");
            this.element = element;
        }

        @Override
        void run(Ledger ledger, Random random) throws Exception {
            ValueRig v = (ValueRig) rig;
            long lastSeen = v.counter.get();
            while (!ledger.stopped()) {
                long now = v.counter.incrementAndGet();
                v.sum.addAndGet(1.0);
                long done = ledger.role(slot, DONE) + 1;
                ledger.setRole(slot, DONE, done);
                if (now <= lastSeen) {
                    v.violation(ledger, this + ": the counter went from " + lastSeen + " to " + now + " on an increment");
                }
                lastSeen = now;
                v.patterns.set(element, pattern(done));
                for (int i = 0; i < v.patterns.length(); i++) {
                    long seen = v.patterns.get(i);
                    if (!isPattern(seen)) {
                        v.violation(ledger, this + ": element " + i + " is torn: " + Long.toHexString(seen));
                    }
                }
                ledger.addRig(v.index, OPS, 1);
                LockSupport.parkNanos(random.nextLong(MAX_PAUSE_NANOS));
            }
        }
    }

    @Override
    void finish(Ledger ledger, Verdict verdict) {
        long counted = 0;
        for (Role role : roles) {
            counted += ledger.role(role.slot, DONE);
        }
        long total = counter.get();
        double added = sum.get();
        verdict.check(total >= counted && total <= counted + kills(), name + ": the counter is " + total + " after " + counted
                + " counted increments and " + kills() + " adder kills");
        verdict.check(added >= counted && added <= counted + kills(), name + ": the double sum is " + added + " after "
                + counted + " counted additions and " + kills() + " adder kills");
        long violations = ledger.rig(index, VIOLATIONS);
        verdict.check(violations == 0, name + ": " + violations + " torn or backward values (see the hosts' stderr)");
        verdict.figure(String.format("%s: %d increments counted, counter %d, %d adder kills, %d violations", name, counted,
                total, kills(), violations));
    }

    @Override
    void close() {
        counter.close();
        sum.close();
        patterns.close();
    }
}
