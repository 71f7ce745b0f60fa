package org.nativeipc.sync;

import static org.nativeipc.internal.memory.SharedRegion.LONGS;
import static org.nativeipc.sync.SharedSemaphoreLayout.*;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.nativeipc.internal.liveness.Liveness;
import org.nativeipc.internal.memory.SharedRegion;

/**
 * A semaphore's bookkeeping: the available permits and, per process, the permits it holds, so
 * that a dead process's permits can be given back. Every method except the plain readers must
 * be called holding the semaphore's mutex, after {@link #recoverJournal()}; every change is one
 * journal commit, so a holder killed mid-change leaves nothing half-done (see
 * {@link SharedSemaphoreLayout}).
 */
final class PermitLedger {
    private final ByteBuffer memory;
    private final Journal journal;
    private final ProcessTable holders;
    private final long me = Liveness.self();

    PermitLedger(SharedRegion region, int holderSlots) {
        this.memory = region.payload();
        this.journal = new Journal(region, JOURNAL_OFFSET, JOURNAL_CAPACITY);
        this.holders = new ProcessTable(region, HOLDERS_OFFSET, holderSlots);
    }

    static void initialize(SharedRegion region, int permits, boolean bounded, int holderSlots) {
        region.putLong(AVAILABLE_OFFSET, permits);
        region.putLong(INITIAL_OFFSET, permits);
        region.putLong(BOUNDED_OFFSET, bounded ? 1 : 0);
        region.putLong(HOLDER_SLOTS_OFFSET, holderSlots);
    }

    // ---- readers (no mutex needed) -------------------------------------------------------------

    long available() {
        return read(AVAILABLE_OFFSET);
    }

    long initial() {
        return read(INITIAL_OFFSET);
    }

    boolean bounded() {
        return read(BOUNDED_OFFSET) != 0;
    }

    long recoveredTotal() {
        return read(RECOVERED_TOTAL_OFFSET);
    }

    int holderSlots() {
        return holders.slots();
    }

    /** Permits held per process, for {@code toString()}. */
    String describeHolders() {
        return holders.describeCounts();
    }

    private long read(int offset) {
        return (long) LONGS.getAcquire(memory, offset);
    }

    // ---- changes (holding the mutex) -----------------------------------------------------------

    /** Completes a change that a dead mutex holder left half-done. */
    void recoverJournal() {
        journal.recover();
    }

    /**
     * Takes {@code n} permits for this process if available.
     *
     * @return -1 if fewer than {@code n} are available; otherwise how many of the taken permits
     *     were recovered from dead holders
     * @throws IllegalStateException if the holder table is full of live processes
     */
    long take(int n) {
        long available = available();
        if (available < n) {
            return -1;
        }
        int slot = mySlot();
        available = available(); // finding a slot may have recovered a dead holder's permits
        long pending = read(RECOVERED_PENDING_OFFSET);
        long fromDead = Math.min(n, pending);
        journal.put(AVAILABLE_OFFSET, available - n)
                .put(holders.ownerOffset(slot), me)
                .put(holders.countOffset(slot), holders.count(slot) + n)
                .put(RECOVERED_PENDING_OFFSET, pending - fromDead)
                .commit();
        return fromDead;
    }

    /**
     * Returns {@code n} permits: first those this process holds, then those of other holders
     * (a permit may be released by another process than the one that acquired it), then, for
     * an unbounded semaphore only, as new permits.
     *
     * @throws IllegalStateException if the semaphore is bounded and fewer than {@code n}
     *     permits are held, or the count would overflow
     */
    void give(int n) {
        if (bounded()) {
            long held = holders.totalCount();
            if (held < n) {
                throw new IllegalStateException("release(" + n + ") would raise the bounded semaphore above its initial "
                        + initial() + " permits: only " + held + " are held (released more times than acquired)");
            }
        }
        if (available() + n > Integer.MAX_VALUE) {
            throw new IllegalStateException("release(" + n + ") would raise the semaphore above "
                    + Integer.MAX_VALUE + " available permits");
        }
        long remaining = n;
        int mine = holders.find(me);
        if (mine >= 0) {
            remaining -= debit(mine, remaining);
        }
        for (int i = 0; i < holders.slots() && remaining > 0; i++) {
            remaining -= debit(i, remaining);
        }
        if (remaining > 0) {
            journal.put(AVAILABLE_OFFSET, available() + remaining).commit();
        }
    }

    /** Moves up to {@code wanted} permits held in {@code slot} back to available; returns how many. */
    private long debit(int slot, long wanted) {
        long count = holders.count(slot);
        long moved = Math.min(count, wanted);
        if (moved == 0) {
            return 0;
        }
        journal.put(AVAILABLE_OFFSET, available() + moved)
                .put(holders.countOffset(slot), count - moved)
                .put(holders.ownerOffset(slot), count == moved ? Liveness.NOBODY : holders.owner(slot))
                .commit();
        return moved;
    }

    /** Holders other than this process, as candidates for a liveness check made without the mutex. */
    List<Long> otherHolders() {
        List<Long> others = new ArrayList<>();
        for (int i = 0; i < holders.slots(); i++) {
            long owner = holders.owner(i);
            if (owner != Liveness.NOBODY && owner != me) {
                others.add(owner);
            }
        }
        return others;
    }

    /**
     * Gives back the permits of {@code deadOwner} (found dead by the caller) and frees its slot.
     *
     * @return the permits recovered
     */
    long recoverFrom(long deadOwner) {
        int slot = holders.find(deadOwner);
        if (slot < 0) {
            return 0;
        }
        long count = holders.count(slot);
        journal.put(AVAILABLE_OFFSET, available() + count)
                .put(RECOVERED_PENDING_OFFSET, read(RECOVERED_PENDING_OFFSET) + count)
                .put(RECOVERED_TOTAL_OFFSET, recoveredTotal() + count)
                .put(holders.countOffset(slot), 0)
                .put(holders.ownerOffset(slot), Liveness.NOBODY)
                .commit();
        return count;
    }

    /** This process's slot, claiming a free one (or a dead holder's, after recovering it). */
    private int mySlot() {
        int slot = holders.find(me);
        if (slot < 0) {
            slot = holders.findFree();
        }
        if (slot < 0) {
            for (long owner : otherHolders()) {
                if (!Liveness.isAlive(owner)) {
                    recoverFrom(owner);
                }
            }
            slot = holders.findFree();
        }
        if (slot < 0) {
            throw new IllegalStateException("all " + holders.slots() + " holder slots of the semaphore are taken by live"
                    + " processes holding permits: at most that many processes can hold permits at once");
        }
        return slot;
    }
}
