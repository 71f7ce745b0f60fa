package org.nativeipc.sync;


import org.nativeipc.internal.sync.RobustMutex;
/**
 * The bytes of a {@link SharedSemaphore} region's payload (after the 128-byte region header),
 * native byte order.
 *
 * <pre>
 *  0                                                               64
 *  +---------------------------------------------------------------+
 *  | RobustMutex (64 bytes): guards everything below               |   0
 *  +-------------------------------+---------------+---------------+
 *  | available permits (long)      | ev. sequence  | sleepers      |  64  permit waiters sleep here
 *  +-------------------------------+---------------+---------------+
 *  | initial permits (long)        | bounded: 1/0 (long)           |  80
 *  +-------------------------------+-------------------------------+
 *  | recovered, not yet handed out | recovered in total (long)     |  96
 *  +-------------------------------+-------------------------------+
 *  | holder table slots (long)     | reserved                      | 112
 *  +-------------------------------+-------------------------------+
 *  | Journal: 8-byte header + 6 entries of 16 bytes                | 128-231
 *  +---------------------------------------------------------------+
 *  | reserved                                                      | 232-255
 *  +-------------------------------+-------------------------------+
 *  | holder 0: owner token (long)  | permits held (long)           | 256  ProcessTable
 *  | holder 1 ...                                                  |
 * </pre>
 *
 * Invariant, at every commit of the journal: available + the sum of the permits held in the
 * table == initial permits (+ permits released by processes that held none, for an unbounded
 * semaphore). Acquire and release change the available count and one holder's count together
 * in one journal commit; waiters read the available count without the mutex.
 */
final class SharedSemaphoreLayout {
    /** Layout version, written in the region header and checked on attach. */
    static final int VERSION = 1;

    static final int MUTEX_OFFSET = 0;
    static final int AVAILABLE_OFFSET = 64;
    static final int EVENTS_OFFSET = 72;
    static final int INITIAL_OFFSET = 80;
    static final int BOUNDED_OFFSET = 88;
    static final int RECOVERED_PENDING_OFFSET = 96;
    static final int RECOVERED_TOTAL_OFFSET = 104;
    static final int HOLDER_SLOTS_OFFSET = 112;
    static final int JOURNAL_OFFSET = 128;
    /** Most stores one semaphore operation commits together. */
    static final int JOURNAL_CAPACITY = 6;
    static final int HOLDERS_OFFSET = 256;

    private SharedSemaphoreLayout() {
    }

    /** Payload bytes for a table of {@code holderSlots} processes. */
    static int payloadBytes(int holderSlots) {
        return HOLDERS_OFFSET + ProcessTable.bytes(holderSlots);
    }
}
