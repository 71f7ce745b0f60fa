package org.nativeipc.sync;

/**
 * The bytes of a {@link SharedEvent} region's payload (after the 128-byte region header),
 * native byte order.
 *
 * <pre>
 *  0                               8               12              16
 *  +-------------------------------+---------------+---------------+
 *  | state (long)                  | ev. sequence  | sleepers      |   0
 *  +-------------------------------+---------------+---------------+
 *  | reserved                                                      |  16-63
 *  +---------------------------------------------------------------+
 *
 *  state:  63                                   1   0
 *          +------------------------------------+---+
 *          | generation: how many times set     |set|
 *          +------------------------------------+---+
 * </pre>
 *
 * {@code set()} turns the flag on and bumps the generation in one compare-and-set, then wakes
 * the sleepers of the event count; {@code clear()} turns the flag off. A waiter returns when the
 * flag is on or the generation has moved since it started, so a {@code set(); clear();} pulse
 * still releases everyone who was waiting.
 */
final class SharedEventLayout {
    /** Layout version, written in the region header and checked on attach. */
    static final int VERSION = 1;

    static final int STATE_OFFSET = 0;
    static final int EVENTS_OFFSET = 8;
    static final int PAYLOAD_BYTES = 64;

    /** The flag bit of the state word. */
    static final long SET = 1L;
    /** One step of the generation in the state word. */
    static final long GENERATION_STEP = 2L;

    private SharedEventLayout() {
    }
}
