package org.nativeipc.queue;

/**
 * The area of a multi-producer/multi-consumer ring, after its {@link RingControlLayout control
 * block}: the producer and consumer positions on cache lines of their own, the claim records of
 * the threads that use the ring, then {@code slots} fixed-size slots, each with its sequence
 * word next to its payload. A message takes one slot, or several consecutive ones (a first slot
 * and continuation slots) when it is larger than one slot's payload: so slots can stay small
 * (memory follows the messages, not the largest one) while a message may be as large as the
 * ring.
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
 *  0              8               16              24                32                40        128
 *  +--------------+---------------+---------------+-----------------+-----------------+---------+
 *  | owner (long) | writing (long)| reading (long)| writing slots   | reading slots   | reserved|
 *  +--------------+---------------+---------------+-----------------+-----------------+---------+
 *
 *  slot (slotBytes: 16 + maxMessageBytes rounded up to 8 when that is at most
 *  SINGLE_SLOT_LIMIT, else at least CHUNK_SLOT_BYTES, enough for the largest message, and
 *  enough for MIN_CHUNKED_RING_BYTES in all):
 *  0                               8               12              16
 *  +-------------------------------+---------------+---------------+---------------------+
 *  | sequence (long)               | length (int)  | kind (int)    | payload             |
 *  +-------------------------------+---------------+---------------+---------------------+
 *  a message of n slots: its first slot has the message's length and kind and the first
 *  slotBytes - 16 bytes; slots 2..n have kind KIND_CONTINUATION and the next bytes each.
 *  A zero-copy claim (MpmcRing#tryClaim) takes one slot; an aborted one is published with
 *  kind KIND_ABORTED, which readers free without delivering.
 * </pre>
 *
 * The sequence word of the slot for position {@code p} goes
 * <pre>
 *  p  --(producer: CAS tail p to p+1, write, release store)--&gt;  p + 1
 *     --(consumer: CAS head p to p+1, read, release store)--&gt;   p + slots (free for the next lap)
 * </pre>
 * (Dmitry Vyukov's bounded MPMC queue). A message of n slots is claimed with one CAS of the
 * index from {@code p} to {@code p + n}, once all n slots are ready; its writer publishes the
 * continuation slots first and the first slot last, so a reader that sees the first slot
 * published sees the whole message; its reader frees the first slot first, so a peek that finds
 * the first slot unchanged after copying has a whole copy. A thread notes the positions it is
 * about to claim in its claim record ({@code writing} or {@code reading}, and the number of
 * slots) with plain stores before its CAS on {@code tail} or {@code head}, and keeps them there
 * until its next claim; after a failed CAS it writes {@link #NO_POSITION}. So a slot that is
 * claimed but not finished (tail or head past it, sequence unchanged) always has a record naming
 * a range of positions that holds it whose owner is the claimant, and when no record of a live
 * process names that position, the claimant has died: the slot is then resolved with a CAS of
 * its sequence to {@code p + slots} (the message it held, or was getting, is dropped; a reader
 * that finds the head at such a skipped slot moves the head on, and one that finds a published
 * continuation slot there, left by a writer that died before publishing the first, frees it).
 *
 * <p>{@code owner} is 0 for a free record, else the participant id of the owning process + 1.
 * Records {@code 0 .. BOUND_RECORDS-1} are bound to one thread each while it lives; the others
 * float: a thread that has no bound record (all taken) or is already inside a claim of the same
 * kind (a handler reading the ring it is called from) takes one for a single claim.
 */
final class MpmcRingLayout {
    /**
     * Layout version, checked on attach (covers the control block too). 2: claim records, claims
     * by CAS on tail/head. 3: at least two slots (a ring of capacity 1 has two). 4: messages of
     * several slots, slot counts in the claim records. 5: aborted zero-copy claims
     * ({@link #KIND_ABORTED}).
     */
    public static final int VERSION = 5;

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
    /** From a record's writing (reading) word to the number of slots of that claim. */
    public static final int RECORD_COUNT_DELTA = 16;
    /** A record's writing or reading word when it names no position. */
    public static final long NO_POSITION = -1;
    public static final int SLOTS_OFFSET = RECORDS_OFFSET + RECORDS * RECORD_BYTES;

    public static final int SLOT_SEQUENCE_OFFSET = 0;
    public static final int SLOT_LENGTH_OFFSET = 8;
    public static final int SLOT_KIND_OFFSET = 12;
    public static final int SLOT_PAYLOAD_OFFSET = 16;
    public static final int SLOT_ALIGNMENT = 8;
    /** Kind of a continuation slot (a message's slots after its first). */
    public static final int KIND_CONTINUATION = -1;
    /**
     * Kind of a slot whose zero-copy claim was aborted ({@link MpmcRing#abort}): published so
     * that the position moves on, freed by the reader that claims it, never delivered.
     */
    public static final int KIND_ABORTED = -2;
    /**
     * Largest slot of a ring whose every message takes one slot (16 + maxMessageBytes, rounded):
     * one page. Rings for larger messages have smaller slots and spread messages over several.
     */
    public static final int SINGLE_SLOT_LIMIT = 4096;
    /** Smallest slot of a ring that spreads messages over several: two cache lines. */
    public static final int CHUNK_SLOT_BYTES = 128;
    /**
     * Fewest slot bytes of a ring that spreads messages over several: 1 MiB, so that several of
     * its largest messages are in flight at once (a ring of 1024 slots has slots of 1 KiB).
     */
    public static final int MIN_CHUNKED_RING_BYTES = 1 << 20;
    /** Alignment of the slots of a ring that spreads messages over several: a cache line. */
    public static final int CHUNK_SLOT_ALIGNMENT = 64;

    private MpmcRingLayout() {
    }

    /** Bytes a message of up to {@code maxMessageBytes} takes in one slot of its own. */
    public static int singleSlotBytes(int maxMessageBytes) {
        return RingControlLayout.align(SLOT_PAYLOAD_OFFSET + maxMessageBytes, SLOT_ALIGNMENT);
    }

    /**
     * Bytes of one slot of a ring of {@code slots} slots for messages of up to
     * {@code maxMessageBytes}: a slot per message when that is at most {@link #SINGLE_SLOT_LIMIT},
     * else the smallest slot (at least {@link #CHUNK_SLOT_BYTES}) with which the largest message
     * fits in the ring and the slots take at least {@link #MIN_CHUNKED_RING_BYTES}.
     */
    public static int slotBytes(int slots, int maxMessageBytes) {
        int single = singleSlotBytes(maxMessageBytes);
        if (single <= SINGLE_SLOT_LIMIT) {
            return single;
        }
        long payloadPerSlot = (maxMessageBytes + (long) slots - 1) / slots;
        long bytes = Math.max(Math.max(CHUNK_SLOT_BYTES, SLOT_PAYLOAD_OFFSET + payloadPerSlot), MIN_CHUNKED_RING_BYTES / slots);
        return (int) Math.min(single, (bytes + CHUNK_SLOT_ALIGNMENT - 1) & -CHUNK_SLOT_ALIGNMENT);
    }

    /** Slots a message of {@code length} bytes takes in slots of {@code slotBytes}. */
    public static int slotsFor(int length, int slotBytes) {
        int payload = slotBytes - SLOT_PAYLOAD_OFFSET;
        return length <= payload ? 1 : (int) ((length + (long) payload - 1) / payload);
    }
}
