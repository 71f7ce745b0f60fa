package org.nativeipc.sync;

import static org.nativeipc.internal.memory.SharedRegion.LONGS;

import java.nio.ByteBuffer;

import org.nativeipc.internal.liveness.Liveness;
import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.internal.sync.RobustMutex;

/**
 * A fixed table of processes, each with a count, for structures that must know which
 * processes hold something (a semaphore's permits, a barrier's participants) so that what a
 * dead process held can be given back. Read and written only under the structure's
 * {@link RobustMutex}; writes go through the structure's {@link Journal} (this class only
 * finds slots and names their offsets).
 *
 * <pre>
 *  offset + 16*i + 0   long  owner   liveness token of the process; 0 when the slot is free
 *  offset + 16*i + 8   long  count   what that process holds (permits; unused by the barrier)
 * </pre>
 */
final class ProcessTable {
    static final int SLOT_BYTES = 16;
    private static final int OWNER = 0;
    private static final int COUNT = 8;

    private final ByteBuffer memory;
    private final int offset;
    private final int slots;
    /** Where this process's slot was last found (process-local hint). */
    private int hint;

    ProcessTable(SharedRegion region, int offset, int slots) {
        this.memory = region.payload();
        this.offset = offset;
        this.slots = slots;
    }

    static int bytes(int slots) {
        return slots * SLOT_BYTES;
    }

    int slots() {
        return slots;
    }

    int ownerOffset(int slot) {
        return offset + slot * SLOT_BYTES + OWNER;
    }

    int countOffset(int slot) {
        return offset + slot * SLOT_BYTES + COUNT;
    }

    long owner(int slot) {
        return (long) LONGS.getAcquire(memory, ownerOffset(slot));
    }

    long count(int slot) {
        return (long) LONGS.getAcquire(memory, countOffset(slot));
    }

    /** The slot of {@code owner} (a process, not {@link Liveness#NOBODY}), or -1. */
    int find(long owner) {
        if (owner(hint) == owner) {
            return hint;
        }
        for (int i = 0; i < slots; i++) {
            if (owner(i) == owner) {
                hint = i;
                return i;
            }
        }
        return -1;
    }

    /** A free slot, or -1. */
    int findFree() {
        for (int i = 0; i < slots; i++) {
            if (owner(i) == Liveness.NOBODY) {
                return i;
            }
        }
        return -1;
    }

    /** Sum of the counts of all slots. */
    long totalCount() {
        long total = 0;
        for (int i = 0; i < slots; i++) {
            total += count(i);
        }
        return total;
    }

    /** "pid 12: 2, pid 40: 1" for {@code toString()}: slots with a non-zero count. */
    String describeCounts() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < slots; i++) {
            long owner = owner(i);
            long count = count(i);
            if (owner != Liveness.NOBODY && count > 0) {
                s.append(s.length() == 0 ? "" : ", ").append(Liveness.describe(owner)).append(": ").append(count);
            }
        }
        return s.toString();
    }
}
