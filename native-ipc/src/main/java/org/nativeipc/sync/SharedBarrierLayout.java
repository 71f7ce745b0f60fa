package org.nativeipc.sync;


import org.nativeipc.internal.sync.RobustMutex;
/**
 * The bytes of a {@link SharedBarrier} region's payload (after the 128-byte region header),
 * native byte order.
 *
 * <pre>
 *  0                                                               64
 *  +---------------------------------------------------------------+
 *  | RobustMutex (64 bytes): guards every change below             |   0
 *  +-------------------------------+---------------+---------------+
 *  | state (long, see below)       | ev. sequence  | sleepers      |  64  waiters sleep here
 *  +-------------------------------+---------------+---------------+
 *  | parties (long)                | participant slots (long)      |  80
 *  +-------------------------------+-------------------------------+
 *  | reserved                                                      |  96-127
 *  +---------------------------------------------------------------+
 *  | Journal: 8-byte header + 4 entries of 16 bytes                | 128-199
 *  +---------------------------------------------------------------+
 *  | reserved                                                      | 200-255
 *  +---------------------------------------------------------------+
 *  | history: 64 longs, (generation &lt;&lt; 1) | broken, at generation % 64  | 256-767
 *  +-------------------------------+-------------------------------+
 *  | participant 0: owner token    | unused (long)                 | 768  ProcessTable
 *  | participant 1 ...                                             |
 *
 *  state:  63                    32  31  30                        0
 *          +----------------------+---+----------------------------+
 *          | generation           |brk| parties waiting            |
 *          +----------------------+---+----------------------------+
 * </pre>
 *
 * One word holds everything a waiter needs, so it reads a consistent state without the mutex.
 * A trip or a reset ends a generation: the mutex holder records the outcome in the history
 * slot of the ending generation and moves the state to the next generation, in one journal
 * commit. A waiter of generation g that finds the state in a later generation reads history
 * slot g % 64 to learn whether g tripped or was broken (if 64 generations went by meanwhile
 * the slot was reused; the waiter then takes g as tripped).
 */
final class SharedBarrierLayout {
    /** Layout version, written in the region header and checked on attach. */
    static final int VERSION = 1;

    static final int MUTEX_OFFSET = 0;
    static final int STATE_OFFSET = 64;
    static final int EVENTS_OFFSET = 72;
    static final int PARTIES_OFFSET = 80;
    static final int PARTICIPANT_SLOTS_OFFSET = 88;
    static final int JOURNAL_OFFSET = 128;
    static final int JOURNAL_CAPACITY = 4;
    static final int HISTORY_OFFSET = 256;
    static final int HISTORY_LENGTH = 64;
    static final int PARTICIPANTS_OFFSET = HISTORY_OFFSET + HISTORY_LENGTH * Long.BYTES;

    /** Largest number of parties (the waiting count has 31 bits). */
    static final int MAX_PARTIES = Integer.MAX_VALUE;

    private static final long BROKEN_BIT = 1L << 31;
    private static final long COUNT_MASK = BROKEN_BIT - 1;
    private static final int GENERATION_SHIFT = 32;

    private SharedBarrierLayout() {
    }

    static int payloadBytes(int participantSlots) {
        return PARTICIPANTS_OFFSET + ProcessTable.bytes(participantSlots);
    }

    static long generation(long state) {
        return state >>> GENERATION_SHIFT;
    }

    static boolean broken(long state) {
        return (state & BROKEN_BIT) != 0;
    }

    static int waiting(long state) {
        return (int) (state & COUNT_MASK);
    }

    static long state(long generation, boolean broken, int waiting) {
        return (generation << GENERATION_SHIFT) | (broken ? BROKEN_BIT : 0) | waiting;
    }

    /** The history slot of {@code generation}. */
    static int historyOffset(long generation) {
        return HISTORY_OFFSET + (int) (generation % HISTORY_LENGTH) * Long.BYTES;
    }

    /** The history entry recording how {@code generation} ended. */
    static long historyEntry(long generation, boolean broken) {
        return (generation << 1) | (broken ? 1 : 0);
    }
}
