package org.nativeipc.sync;

import static org.nativeipc.internal.memory.SharedRegion.INTS;
import static org.nativeipc.internal.memory.SharedRegion.LONGS;

import java.nio.ByteBuffer;

import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.internal.sync.RobustMutex;

/**
 * A redo log that makes a group of stores crash-atomic, for structures whose bookkeeping spans
 * several words ({@link SharedSemaphore}, {@link SharedBarrier}). Used only while holding the
 * structure's {@link RobustMutex}, so there is never more than one writer.
 *
 * <pre>
 *  offset+0   int   entries   how many entries to (re)apply; 0 when the log is empty
 *  offset+4   int   reserved
 *  offset+8   long  target offset of entry 0 ┐
 *  offset+16  long  new value of entry 0     ┘ 16 bytes per entry, up to the capacity
 *  ...
 * </pre>
 *
 * <p>{@link #commit()} writes the staged entries, publishes their number (release store),
 * applies them, and sets the number back to 0. A holder killed anywhere in between leaves
 * either an empty log (nothing or everything applied) or a full one; the next holder — who
 * got the mutex by taking it over — calls {@link #recover()}, which applies the entries again.
 * Re-applying is harmless because entries hold absolute values, not increments.
 */
final class Journal {
    private static final int HEADER_BYTES = 8;
    private static final int ENTRY_BYTES = 16;

    private final ByteBuffer memory;
    private final int countOffset;
    private final int capacity;
    /** Entries staged by the current mutex holder; process-local, guarded by the mutex. */
    private int staged;

    Journal(SharedRegion region, int offset, int capacity) {
        if ((offset & 7) != 0) {
            throw new IllegalArgumentException("journal offset " + offset + " is not 8-byte aligned");
        }
        this.memory = region.payload();
        this.countOffset = offset;
        this.capacity = capacity;
    }

    /** Bytes a journal of {@code capacity} entries occupies. */
    static int bytes(int capacity) {
        return HEADER_BYTES + capacity * ENTRY_BYTES;
    }

    /** Stages "store {@code value} at payload offset {@code target}" (an 8-byte-aligned long field). */
    Journal put(int target, long value) {
        if (staged == capacity) {
            throw new IllegalStateException("journal holds at most " + capacity + " entries per commit");
        }
        int entry = countOffset + HEADER_BYTES + staged * ENTRY_BYTES;
        memory.putLong(entry, target);
        memory.putLong(entry + 8, value);
        staged++;
        return this;
    }

    /** Applies the staged entries as one crash-atomic group. */
    void commit() {
        INTS.setRelease(memory, countOffset, staged);
        apply(staged);
        staged = 0;
        INTS.setRelease(memory, countOffset, 0);
    }

    /**
     * Completes a commit that a dead holder left half-done; call after acquiring the mutex.
     *
     * @return true if there was one
     */
    boolean recover() {
        staged = 0;
        int entries = (int) INTS.getAcquire(memory, countOffset);
        if (entries == 0) {
            return false;
        }
        apply(Math.min(entries, capacity));
        INTS.setRelease(memory, countOffset, 0);
        return true;
    }

    private void apply(int entries) {
        for (int i = 0; i < entries; i++) {
            int entry = countOffset + HEADER_BYTES + i * ENTRY_BYTES;
            LONGS.setRelease(memory, (int) memory.getLong(entry), memory.getLong(entry + 8));
        }
    }
}
