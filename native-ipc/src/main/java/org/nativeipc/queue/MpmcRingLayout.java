package org.nativeipc.queue;

/**
 * The area of a multi-producer/multi-consumer ring, after its {@link RingControlLayout control
 * block}: the producer and consumer positions on cache lines of their own, the claim records of
 * the threads that use the ring, then {@code capacity} fixed-size slots, each with its sequence
 * word next to its payload.
 *
 * <pre>
 *  +-------------------------------------+---------------------------+
 *  | tail: next position to write (long) | padding to 128            |    0
 *  +-------------------------------------+---------------------------+
 *  | head: next position to read (long)  | padding to 128            |  128
 *  +-------------------------------------+---------------------------+
 *  | claim record 0 | claim record 1 | ... | claim record RECORDS-1  |  256
 *  +-----------------------------------------------------------------+
 *  | slot 0 | slot 1 | ... | slot slots-1 (slots = max(2, capacity)) |  SLOTS_OFFSET
 *  +-----------------------------------------------------------------+
 *
 *  claim record (128 bytes, a pair of cache lines: only its thread writes it on the fast path):
 *  0               8                   16                  24                 128
 *  +---------------+-------------------+-------------------+------------------+
 *  | owner (long)  | writing (long)    | reading (long)    | reserved         |
 *  +---------------+-------------------+-------------------+------------------+
 *
 *  slot (slotBytes = 16 + maxMessageBytes, rounded up to 8):
 *  0                               8               12              16
 *  +-------------------------------+---------------+---------------+---------------------+
 *  | sequence (long)               | length (int)  | kind (int)    | payload             |
 *  +-------------------------------+---------------+---------------+---------------------+
 * </pre>
 *
 * The sequence word of the slot for position {@code p} goes
 * <pre>
 *  p  --(producer: CAS tail p to p+1, write, release store)--&gt;  p + 1
 *     --(consumer: CAS head p to p+1, read, release store)--&gt;   p + slots (free for the next lap)
 * </pre>
 * (Dmitry Vyukov's bounded MPMC queue). A thread notes the position it is about to claim in its
 * claim record ({@code writing} or {@code reading}) with a plain store before its CAS on
 * {@code tail} or {@code head}, and keeps it there until its next claim; after a failed CAS it
 * writes {@link #NO_POSITION}. So a slot that is claimed but not finished (tail or head past it,
 * sequence unchanged) always has a record naming its position whose owner is the claimant, and
 * when no record of a live process names that position, the claimant has died: the slot is
 * then resolved with a CAS of its sequence to {@code p + slots} (the message it held, or was
 * getting, is dropped; a reader that finds the head at such a skipped slot moves the head on).
 *
 * <p>{@code owner} is 0 for a free record, else the participant id of the owning process + 1.
 * Records {@code 0 .. BOUND_RECORDS-1} are bound to one thread each while it lives; the others
 * float: a thread that has no bound record (all taken) or is already inside a claim of the same
 * kind (a handler reading the ring it is called from) takes one for a single claim.
 */
final class MpmcRingLayout {
    /**
     * Layout version, checked on attach (covers the control block too). 2: claim records, claims
     * by CAS on tail/head. 3: at least two slots (a ring of capacity 1 has two).
     */
    public static final int VERSION = 3;

    public static final int TAIL_OFFSET = 0;
    public static final int HEAD_OFFSET = 128;
    public static final int RECORDS_OFFSET = 256;
    /** Claim records bound to a thread for its life. */
    public static final int BOUND_RECORDS = 64;
    /** Claim records taken for one claim at a time. */
    public static final int FLOATING_RECORDS = 32;
    public static final int RECORDS = BOUND_RECORDS + FLOATING_RECORDS;
    public static final int RECORD_BYTES = 128;
    public static final int RECORD_OWNER_OFFSET = 0;
    public static final int RECORD_WRITING_OFFSET = 8;
    public static final int RECORD_READING_OFFSET = 16;
    /** A record's writing or reading word when it names no position. */
    public static final long NO_POSITION = -1;
    public static final int SLOTS_OFFSET = RECORDS_OFFSET + RECORDS * RECORD_BYTES;

    public static final int SLOT_SEQUENCE_OFFSET = 0;
    public static final int SLOT_LENGTH_OFFSET = 8;
    public static final int SLOT_KIND_OFFSET = 12;
    public static final int SLOT_PAYLOAD_OFFSET = 16;
    public static final int SLOT_ALIGNMENT = 8;

    private MpmcRingLayout() {
    }

    /** Bytes of one slot for messages of up to {@code maxMessageBytes}. */
    public static int slotBytes(int maxMessageBytes) {
        return RingControlLayout.align(SLOT_PAYLOAD_OFFSET + maxMessageBytes, SLOT_ALIGNMENT);
    }
}
