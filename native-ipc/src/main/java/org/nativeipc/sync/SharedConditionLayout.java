package org.nativeipc.sync;

/**
 * The bytes of a {@link SharedCondition} region's payload (after the 128-byte region header),
 * native byte order: a ticket counter and one slot per thread that may wait at once.
 *
 * <pre>
 *  0                               8               12              16
 *  +-------------------------------+---------------+---------------+
 *  | next ticket (long)            | slot count    | reserved      |   0
 *  +-------------------------------+---------------+---------------+
 *  | reserved                                                      |  16-63
 *  +---------------+---------------+---------------+---------------+
 *  | slot 0: state | reserved      | ev. sequence  | sleepers      |  64   one cache line per slot
 *  +---------------+---------------+---------------+---------------+
 *  | ticket (long)                 | owner: OwnerToken (long)      |  80
 *  +-------------------------------+-------------------------------+
 *  | heartbeat, System.nanoTime    | reserved                      |  96-127
 *  +-------------------------------+-------------------------------+
 *  | slot 1 ...                                                    | 128
 * </pre>
 *
 * A slot's state is {@link #FREE}, {@link #WAITING} or {@link #SIGNALLED}. A thread that
 * awaits claims a free slot while holding the lock (ticket from the counter, its process's
 * token, heartbeat) and publishes it as waiting; it then sleeps in the slot's own event count
 * until the state is signalled. {@code signal()} moves the waiting slot with the lowest
 * ticket to signalled with a compare-and-set; a waiter that times out or is interrupted moves
 * its slot from waiting to free with a compare-and-set, so exactly one of the two wins. The
 * heartbeat, refreshed by a waiter each time it checks its state (at least every 20 ms),
 * lets a signaller skip the {@code /proc} check of a waiter it has recently seen alive.
 */
final class SharedConditionLayout {
    /** Layout version, written in the region header and checked on attach. */
    static final int VERSION = 1;

    static final int NEXT_TICKET_OFFSET = 0;
    static final int SLOT_COUNT_OFFSET = 8;
    static final int SLOTS_OFFSET = 64;
    /** Bytes per slot: a cache line, so waiters do not disturb each other. */
    static final int SLOT_BYTES = 64;

    /** Offsets within a slot. */
    static final int SLOT_STATE = 0;
    static final int SLOT_EVENTS = 8;
    static final int SLOT_TICKET = 16;
    static final int SLOT_OWNER = 24;
    static final int SLOT_HEARTBEAT = 32;

    /** Slot states. */
    static final int FREE = 0;
    static final int WAITING = 1;
    static final int SIGNALLED = 2;

    private SharedConditionLayout() {
    }

    /** Payload bytes for {@code slots} slots. */
    static int payloadBytes(int slots) {
        return SLOTS_OFFSET + slots * SLOT_BYTES;
    }

    /** Payload offset of slot {@code index}. */
    static int slot(int index) {
        return SLOTS_OFFSET + index * SLOT_BYTES;
    }
}
