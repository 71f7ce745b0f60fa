package org.nativeipc.torture;

import static org.nativeipc.torture.Ledger.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.nativeipc.sync.SharedBarrier;

/**
 * The parties of a barrier, awaiting it round after round. A killed party breaks the round; the
 * others must learn it (broken or timed out) instead of waiting forever, reset the barrier and
 * go on. Checked: no await lasts far beyond its timeout, and rounds keep completing.
 */
final class BarrierRig extends Rig {
    private static final long serialVersionUID = 1L;
    /** Rig counters: awaits that completed a round, that were broken or timed out, and the longest, in ms. */
    static final int COMPLETED = 5;
    static final int BROKEN = 6;
    static final int LONGEST_AWAIT_MILLIS = 7;
    private static final long AWAIT_MILLIS = 3_000;
    /** An await may overrun its timeout by this much on a loaded machine before it counts as hung. */
    private static final long HANG_MILLIS = 30_000;
    private static final long MAX_PAUSE_MILLIS = 50;

    private final SharedBarrier barrier;
    private final List<Role> roles = new ArrayList<>();

    BarrierRig(int index, SharedBarrier barrier) {
        super("barrier", index);
        this.barrier = barrier;
        for (int i = 0; i < barrier.getParties(); i++) {
            roles.add(new Party(this));
        }
    }

    @Override
    List<Role> roles() {
        return roles;
    }

    private static final class Party extends Role {
        private static final long serialVersionUID = 1L;

        Party(BarrierRig rig) {
            super(rig, "party");
        }

        @Override
        void run(Ledger ledger, Random random) throws Exception {
            BarrierRig b = (BarrierRig) rig;
            while (!ledger.stopped()) {
                long start = System.nanoTime();
                try {
                    b.barrier.await(AWAIT_MILLIS, TimeUnit.MILLISECONDS);
                    ledger.addRig(b.index, COMPLETED, 1);
                } catch (BrokenBarrierException | TimeoutException broken) {
                    ledger.addRig(b.index, BROKEN, 1);
                    Thread.sleep(1 + random.nextInt((int) MAX_PAUSE_MILLIS));
                    if (b.barrier.isBroken()) {
                        b.barrier.reset();
                    }
                }
                ledger.addRig(b.index, OPS, 1); // returned, one way or the other: not hung
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                long longest;
                while (millis > (longest = ledger.rig(b.index, LONGEST_AWAIT_MILLIS))) {
                    if (ledger.region().compareAndSetLong(Ledger.rigOffset(b.index, LONGEST_AWAIT_MILLIS), longest, millis)) {
                        break;
                    }
                }
            }
        }
    }

    @Override
    void finish(Ledger ledger, Verdict verdict) {
        long longest = ledger.rig(index, LONGEST_AWAIT_MILLIS);
        verdict.check(longest <= AWAIT_MILLIS + HANG_MILLIS, name + ": an await took " + longest + " ms with a timeout of "
                + AWAIT_MILLIS + " ms: it hung");
        verdict.figure(String.format("%s: %d awaits completed, %d broken or timed out, %d party kills, longest await %d ms",
                name, ledger.rig(index, COMPLETED), ledger.rig(index, BROKEN), kills(), longest));
    }

    @Override
    void close() {
        barrier.close();
    }
}
