package org.nativeipc.queue;

/**
 * The area of a single-producer/single-consumer ring, after its {@link RingControlLayout control
 * block}: two counter blocks on cache lines of their own, then a power-of-two byte ring of
 * variable-length records.
 *
 * <pre>
 *  0                               8               12
 *  +-------------------------------+---------------+------------------+
 *  | producer word: written &lt;&lt; 32 | producer owner| padding to 128   |    0  written by the producer only
 *  |   | tail (bytes, int, wraps)  | (id | OWNED)  |                  |
 *  +-------------------------------+---------------+------------------+
 *  | consumer word: read &lt;&lt; 32     | consumer owner| padding to 128   |  128  written by the consumer only
 *  |   | head (bytes, int, wraps)  | (id | OWNED)  |                  |
 *  +-------------------------------+---------------+------------------+
 *  | data: 2^k bytes of records                                       |  256
 *  +------------------------------------------------------------------+
 *
 *  record (8-byte aligned):
 *  0               4               8
 *  +---------------+---------------+-------------------------------+
 *  | length (int)  | kind (int)    | payload (length - 8 bytes)    |
 *  +---------------+---------------+-------------------------------+
 * </pre>
 *
 * <ul>
 *   <li>{@code length} counts the header; it is 0 until the record is committed and is written
 *       last, with a release store: that store publishes the record. Before committing, the
 *       producer zeroes the header after the record, so the consumer always stops at the first
 *       uncommitted record and never reads stale bytes.</li>
 *   <li>{@code kind} {@link #KIND_PADDING} fills the end of the data when a record does not fit
 *       before it; the record then starts at index 0.</li>
 *   <li>Each counter word packs a byte position and a message count into one long, so a process
 *       taking over a side after its predecessor died reads both consistently with one load.
 *       Positions and counts are 32-bit and wrap; differences stay below 2^30.</li>
 *   <li>The owner words name the one process that may produce (consume): a participant id with
 *       {@link #OWNED} set, 0 when free. Another process takes a side over only when its owner
 *       closed it or died.</li>
 * </ul>
 */
final class SpscRingLayout {
    /** Layout version, checked on attach (covers the control block too). */
    public static final int VERSION = 1;

    public static final int PRODUCER_WORD_OFFSET = 0;
    public static final int PRODUCER_OWNER_OFFSET = 8;
    public static final int CONSUMER_WORD_OFFSET = 128;
    public static final int CONSUMER_OWNER_OFFSET = 136;
    public static final int DATA_OFFSET = 256;

    public static final int RECORD_HEADER_BYTES = 8;
    public static final int RECORD_LENGTH_OFFSET = 0;
    public static final int RECORD_KIND_OFFSET = 4;
    public static final int RECORD_ALIGNMENT = 8;
    /** Record kind of the filler at the end of the data. */
    public static final int KIND_PADDING = -1;
    /** Bit set in an owner word that holds a participant id. */
    public static final int OWNED = 1 << 30;

    /** Smallest data area. */
    public static final int MIN_DATA_BYTES = 64;
    /** Largest data area (positions are 32-bit and their differences must stay below 2^31). */
    public static final int MAX_DATA_BYTES = 1 << 30;
    /** Message capacity that means "bounded by bytes only". */
    public static final int UNBOUNDED_MESSAGES = 1 << 30;

    private SpscRingLayout() {
    }

    /** Bytes a record with {@code payloadBytes} of payload takes, header and alignment included. */
    public static int recordBytes(int payloadBytes) {
        return RingControlLayout.align(RECORD_HEADER_BYTES + payloadBytes, RECORD_ALIGNMENT);
    }

    /** A counter word: a message count in the high half, a byte position in the low half. */
    public static long pack(int count, int position) {
        return (long) count << 32 | (position & 0xFFFF_FFFFL);
    }

    /**
     * Largest payload a data area of {@code dataBytes} takes: two of the largest records plus a
     * header must fit, so that a record that has to wrap always finds room once the ring drains.
     */
    public static int maxPayloadBytes(int dataBytes) {
        return dataBytes / 2 - 2 * RECORD_HEADER_BYTES;
    }
}
