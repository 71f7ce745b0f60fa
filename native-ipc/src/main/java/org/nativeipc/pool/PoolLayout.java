package org.nativeipc.pool;

/**
 * The bytes of a pool's control region (kind {@code POOL}): a doorbell the parent's result
 * thread sleeps on, and one slot per worker.
 *
 * <pre>
 *  payload offset
 *  0     EventCount doorbell (8 bytes)   workers signal it after writing results; the parent waits
 *  8     int   slots                     slot count, written by the creator
 *  64    slot 0 (64 bytes, a cache line of its own):
 *          +0  long started              seq of the task the worker started last (0: none); the worker writes it
 *          +8  long pid                  the worker's pid, written by the worker when it starts (for debugging)
 *  128   slot 1 ...
 * </pre>
 *
 * A slot belongs to one worker at a time; the parent clears it before it gives it to a
 * replacement, once the previous owner has ended or announced that it retires.
 */
final class PoolLayout {
    /** Layout version written into the region header and checked on attach. */
    static final int VERSION = 1;
    static final int DOORBELL_OFFSET = 0;
    static final int SLOT_COUNT_OFFSET = 8;
    static final int SLOTS_OFFSET = 64;
    static final int SLOT_BYTES = 64;
    static final int STARTED_OFFSET = 0;
    static final int PID_OFFSET = 8;

    private PoolLayout() {
    }

    /** Payload bytes of a region with {@code slots} slots. */
    static long payloadBytes(int slots) {
        return SLOTS_OFFSET + (long) slots * SLOT_BYTES;
    }

    /** Offset of field {@code field} of slot {@code slot}. */
    static int slotField(int slot, int field) {
        return SLOTS_OFFSET + slot * SLOT_BYTES + field;
    }
}
