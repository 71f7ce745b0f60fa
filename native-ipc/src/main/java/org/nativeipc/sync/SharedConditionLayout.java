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
 *  +-------------------------------+---------------+---------------+
 *  | slot 0: word (long)           | ev. sequence  | sleepers      |  64   one cache line per slot
 *  +-------------------------------+---------------+---------------+
 *  | owner: liveness token (long)  | reserved                      |  80
 *  +-------------------------------+-------------------------------+
 *  | reserved                                                      |  96-127
 *  +---------------------------------------------------------------+
 *  | slot 1 ...                                                    | 128
 *
 *  word:   63                                       2 1   0
 *          +----------------------------------------+-----+
 *          | ticket                                 |state|
 *          +----------------------------------------+-----+
 * </pre>
 *
 * A slot's state is {@link #FREE}, {@link #WAITING} or {@link #SIGNALLED}; every change of
 * state is a compare-and-set of the whole word, and the ticket changes whenever the slot is
 * claimed again, so a change meant for an earlier waiter cannot hit a later one. A thread that
 * awaits claims a free slot while holding the lock (ticket from the counter, its process's
 * token, heartbeat) and publishes it as waiting; it then sleeps in the slot's own event count
 * until the state is signalled. {@code signal()} moves the waiting slot with the lowest
 * ticket to signalled with a compare-and-set; a waiter that times out or is interrupted moves
 * its slot from waiting to free with a compare-and-set, so exactly one of the two wins. A slot
 * whose owner process died is freed by a live waiter's periodic check with a compare-and-set
 * (and a signal it held moves to that waiter), so the dead never keep a signal.
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
    static final int SLOT_WORD = 0;
    static final int SLOT_EVENTS = 8;
    static final int SLOT_OWNER = 16;

    /** Slot states. */
    static final int FREE = 0;
    static final int WAITING = 1;
    static final int SIGNALLED = 2;

    private static final int STATE_BITS = 2;
    private static final long STATE_MASK = (1L << STATE_BITS) - 1;

    private SharedConditionLayout() {
    }

    static long word(long ticket, int state) {
        return (ticket << STATE_BITS) | state;
    }

    static long ticket(long word) {
        return word >>> STATE_BITS;
    }

    static int state(long word) {
        return (int) (word & STATE_MASK);
    }

    /** The same slot word in another state. */
    static long withState(long word, int state) {
        return (word & ~STATE_MASK) | state;
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
