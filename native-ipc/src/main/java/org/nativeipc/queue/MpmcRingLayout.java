package org.nativeipc.queue;

/**
 * The area of a multi-producer/multi-consumer ring, after its {@link RingControlLayout control
 * block}: the producer and consumer positions on cache lines of their own, then
 * {@code capacity} fixed-size slots, each with its sequence word next to its payload.
 *
 * <pre>
 *  +-------------------------------+--------------------------------+
 *  | tail: next position to write (long) | padding to 128           |    0
 *  +-------------------------------+--------------------------------+
 *  | head: next position to read (long)  | padding to 128           |  128
 *  +-------------------------------+--------------------------------+
 *  | slot 0 | slot 1 | ... | slot capacity-1                        |  256
 *  +----------------------------------------------------------------+
 *
 *  slot (slotBytes = 16 + maxMessageBytes, rounded up to 8):
 *  0                               8               12              16
 *  +-------------------------------+---------------+---------------+---------------------+
 *  | sequence / claim (long)       | length (int)  | kind (int)    | payload             |
 *  +-------------------------------+---------------+---------------+---------------------+
 * </pre>
 *
 * The sequence word of the slot for position {@code p} goes through
 * <pre>
 *  p  --producer CAS--&gt;  claim(producer, id, p)  --release store--&gt;  p + 1
 *     --consumer CAS--&gt;  claim(consumer, id, p)  --release store--&gt;  p + capacity (free for the next lap)
 * </pre>
 * A claim has bit 63 set (so it is negative), bit 62 set for a consumer, the claimant's
 * participant id in bits 40-61 and the low 40 bits of the position in bits 0-39: a claim left
 * by a dead process names its owner and its position, and is resolved by a CAS from that exact
 * word to {@code p + capacity} (the message it held is dropped). The positions in {@code tail}
 * and {@code head} only ever grow; any thread that sees a slot already claimed for the current
 * position helps them along with a CAS.
 */
public final class MpmcRingLayout {
    /** Layout version, checked on attach (covers the control block too). */
    public static final int VERSION = 1;

    public static final int TAIL_OFFSET = 0;
    public static final int HEAD_OFFSET = 128;
    public static final int SLOTS_OFFSET = 256;

    public static final int SLOT_SEQUENCE_OFFSET = 0;
    public static final int SLOT_LENGTH_OFFSET = 8;
    public static final int SLOT_KIND_OFFSET = 12;
    public static final int SLOT_PAYLOAD_OFFSET = 16;
    public static final int SLOT_ALIGNMENT = 8;

    /** Bit 63 of a sequence word: the slot is claimed. */
    public static final long CLAIMED = 1L << 63;
    /** Bit 62 of a claim: a consumer holds it (a producer otherwise). */
    public static final long CONSUMER_CLAIM = 1L << 62;
    /** Bits of the position kept in a claim. */
    public static final int CLAIM_POSITION_BITS = 40;
    public static final long CLAIM_POSITION_MASK = (1L << CLAIM_POSITION_BITS) - 1;

    private MpmcRingLayout() {
    }

    /** Bytes of one slot for messages of up to {@code maxMessageBytes}. */
    public static int slotBytes(int maxMessageBytes) {
        return RingControlLayout.align(SLOT_PAYLOAD_OFFSET + maxMessageBytes, SLOT_ALIGNMENT);
    }
}
