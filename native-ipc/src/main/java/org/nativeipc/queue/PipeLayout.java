package org.nativeipc.queue;

/**
 * A pipe's region: a small header, then one {@link SpscRing} per direction (two for a duplex
 * pipe, one for a one-way pipe), each with its own {@link RingControlLayout control block}.
 *
 * <pre>
 *  0               4               8               12              16
 *  +---------------+---------------+---------------+---------------+
 *  | ring count    | data bytes    | ring 0 base   | ring 1 base   |   0  written once by the creator
 *  | (1 or 2)      | per ring      |               | (0: none)     |
 *  +---------------+---------------+---------------+---------------+
 *  | reserved, zero, to 128                                        |  16
 *  +---------------------------------------------------------------+
 *  | ring 0: messages towards the left end (sent by the right)     | 128
 *  +---------------------------------------------------------------+
 *  | ring 1: messages towards the right end (sent by the left)     | ring 1 base
 *  +---------------------------------------------------------------+
 * </pre>
 */
final class PipeLayout {
    /** Layout version, checked on attach (covers the rings' layouts too). */
    public static final int VERSION = 1;

    public static final int RING_COUNT_OFFSET = 0;
    public static final int DATA_BYTES_OFFSET = 4;
    public static final int RING0_BASE_OFFSET = 8;
    public static final int RING1_BASE_OFFSET = 12;
    public static final int HEADER_BYTES = 128;

    private PipeLayout() {
    }
}
