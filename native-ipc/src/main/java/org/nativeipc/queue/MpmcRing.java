package org.nativeipc.queue;

import static org.nativeipc.queue.MpmcRingLayout.*;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.nativeipc.internal.memory.RegionKind;
import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.internal.object.ObjectHandle;
import org.nativeipc.internal.object.Recipe;
import org.nativeipc.internal.object.SharedObjects;

/**
 * A bounded multi-producer/multi-consumer ring of byte messages in shared memory (see
 * {@link MpmcRingLayout}): any number of processes, and threads in them, write and read.
 *
 * <p><b>Algorithm.</b> Dmitry Vyukov's bounded MPMC queue, laid out off-heap with each slot's
 * sequence word next to its payload: a writer (reader) claims a position with one CAS on the
 * shared tail (head), copies the message in (out) and publishes with a release store of the
 * slot's sequence. Per message and side: one CAS, one release store, no system call. A CAS that
 * loses to another thread backs off for a few spins per failure before trying again: on a small
 * machine, two writers (or readers) that retry at once mostly move the index's cache line between
 * their cores, and backing off lets the winner take several positions in a row instead.
 * Measured on a 2-vCPU machine and not kept (2026-12-02): reading the slot's sequence with a
 * locked add of 0, to take its cache line over at once, cost each side ~10-25 ns more per message;
 * a writer on a full ring waiting for room for a burst of writes made one-to-one queues slower.
 *
 * <p><b>Message size.</b> Slots have a fixed size: {@code 16 + maxMessageBytes} (rounded) when
 * that is at most a page, so that every message takes one slot; else small slots (two cache
 * lines, or more when the ring has few slots) and a message takes as many consecutive ones as it
 * needs, claimed with one CAS (see {@link MpmcRingLayout}). So a ring for large messages holds
 * small ones in little memory. A message larger than {@link #maxMessageBytes()} is refused with
 * an {@link IllegalArgumentException} before anything is written.
 *
 * <p><b>Crash safety.</b> Before its CAS, a thread notes the position it claims in its claim
 * record ({@link ClaimRecords}), a cache line only it writes. A process killed between claiming
 * a position and publishing (or freeing) its slot leaves the slot's sequence unchanged with the
 * tail (head) past it, and a record of its own naming the position. A process blocked by such a
 * slot (a reader waiting at that position, a writer waiting for that slot one lap later) checks,
 * at most every few milliseconds while it waits, whether any record of a live process (by its
 * liveness token) names the position; if none does, the claimant died, and the slot is resolved
 * with a CAS of its sequence: the position is skipped (a message being written is lost) or the
 * slot freed (a message being read is lost). Only the dead process's own message is lost; none
 * other is lost or delivered twice. Blocked readers and writers of a dead owner's claim are held
 * up for at most about a tenth of a second. A zero-copy claim ({@link #tryClaim}) is one slot
 * claimed in the same way, its record kept until {@link #commit} or {@link #abort} (which
 * publishes the slot as aborted: readers free it without delivering it); a claimant killed
 * before either is resolved as above, and its message counts as lost.
 *
 * @serial exclude (a ring travels as a handle: see {@code writeReplace})
 */
public final class MpmcRing extends AbstractRing implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Participants an MPMC ring records (processes that used it, with reuse of dead ones). */
    static final int PARTICIPANT_SLOTS = 256;
    /**
     * Fewest slots a ring has. With one slot, "published at position p" and "free for position
     * p + 1" would be the same sequence number, and writers would overwrite unread messages; a
     * ring of capacity 1 has two slots and its writers also check the head.
     */
    static final int MIN_SLOTS = 2;

    private final int slots;
    private final int slotPayload;
    private final MpmcSlots slotArea;
    private final int tailOffset;
    private final int headOffset;
    private final ClaimRecords claims;

    MpmcRing(SharedRegion region, int base, boolean standalone) {
        super(region, base, RingControlLayout.TYPE_MPMC, standalone);
        this.slots = slotCount(capacity);
        int slotBytes = region.getInt(base + RingControlLayout.SLOT_BYTES_OFFSET);
        if (slotBytes != MpmcRingLayout.slotBytes(slots, maxMessageBytes) || areaBytes != SLOTS_OFFSET + (long) slots * slotBytes) {
            throw new IllegalStateException(region + " holds an MPMC ring of " + slots + " slots of " + slotBytes + " bytes in "
                    + areaBytes + " bytes for messages of up to " + maxMessageBytes + " bytes, which is inconsistent:"
                    + " the file is corrupted; create the ring again");
        }
        this.slotPayload = slotBytes - SLOT_PAYLOAD_OFFSET;
        this.tailOffset = area + TAIL_OFFSET;
        this.headOffset = area + HEAD_OFFSET;
        this.claims = new ClaimRecords(region, area + RECORDS_OFFSET, participants, this::participantId, base);
        this.slotArea = new MpmcSlots(this, region, claims, area, slots, slotBytes, maxMessageBytes);
    }

    /**
     * Bytes of one slot of a ring of many slots for messages of up to {@code maxMessageBytes}:
     * for sizing a ring to a number of bytes ({@code capacity = bytes / bytesPerSlot(max)}). It
     * is {@code 16 + maxMessageBytes} (rounded up to 8) up to a page, and 128 above, where a
     * message takes several slots.
     *
     * @param maxMessageBytes largest message in bytes
     * @return the bytes of one slot
     */
    public static int bytesPerSlot(int maxMessageBytes) {
        int single = singleSlotBytes(maxMessageBytes);
        return single <= SINGLE_SLOT_LIMIT ? single : CHUNK_SLOT_BYTES;
    }

    /**
     * A new ring of {@code capacity} slots for messages of up to {@code maxMessageBytes}.
     *
     * @param capacity most messages the ring holds
     * @param maxMessageBytes largest message in bytes
     * @return the new ring, owned by this process
     */
    public static MpmcRing create(int capacity, int maxMessageBytes) {
        return SharedObjects.create(QueueTypes.MPMC_RING, Recipe.of(RegionKind.MPMC_RING, VERSION, ringBytes(capacity, maxMessageBytes),
                r -> initialize(r, 0, capacity, maxMessageBytes, 0, 0)), null);
    }

    /** Bytes a ring takes in its region. */
    static int ringBytes(int capacity, int maxMessageBytes) {
        checkGeometry(capacity, maxMessageBytes);
        int slots = slotCount(capacity);
        return RingControlLayout.controlBytes(PARTICIPANT_SLOTS) + SLOTS_OFFSET + slots * slotBytes(slots, maxMessageBytes);
    }

    /** Slots of a ring of {@code capacity} messages (see {@link #MIN_SLOTS}). */
    static int slotCount(int capacity) {
        return Math.max(MIN_SLOTS, capacity);
    }

    private static void checkGeometry(int capacity, int maxMessageBytes) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity + " must be at least 1 message");
        }
        if (maxMessageBytes < 0 || maxMessageBytes > SharedRegion.MAX_FILE_BYTES / 2) {
            throw new IllegalArgumentException("maxMessageBytes " + maxMessageBytes + " must be between 0 and " + SharedRegion.MAX_FILE_BYTES / 2);
        }
        int slots = slotCount(capacity);
        long bytes = RingControlLayout.controlBytes(PARTICIPANT_SLOTS) + SLOTS_OFFSET + (long) slots * slotBytes(slots, maxMessageBytes);
        if (bytes > SharedRegion.MAX_FILE_BYTES - 4096) {
            throw new IllegalArgumentException(capacity + " slots of " + slotBytes(slots, maxMessageBytes) + " bytes need " + bytes
                    + " bytes, more than one region can map: lower the capacity or the maximum message size");
        }
    }

    /** Writes the control block of a new ring at {@code base} (creator, before publication). */
    static void initialize(SharedRegion region, int base, int capacity, int maxMessageBytes, int flags, int expectedProducers) {
        checkGeometry(capacity, maxMessageBytes);
        int slots = slotCount(capacity);
        int slotBytes = slotBytes(slots, maxMessageBytes);
        new RingGeometry(RingControlLayout.TYPE_MPMC, flags, capacity, maxMessageBytes, SLOTS_OFFSET + slots * slotBytes,
                slotBytes, PARTICIPANT_SLOTS, expectedProducers).write(region, base);
        int start = base + RingControlLayout.controlBytes(PARTICIPANT_SLOTS) + SLOTS_OFFSET;
        for (int i = 0; i < slots; i++) {
            region.putLong(start + i * slotBytes + SLOT_SEQUENCE_OFFSET, i);
        }
    }

    /** The ring's slots (for crash tests, which claim them the way the ring does and leave the claims unfinished). */
    MpmcSlots slotArea() {
        return slotArea;
    }

    /** The ring's claim records (for crash tests). */
    ClaimRecords claims() {
        return claims;
    }

    // ---- producer ----------------------------------------------------------------------------------

    @Override
    boolean tryWrite(byte[] source, int offset, int length, int kind) {
        int count = slotArea.slotsFor(length);
        ClaimRecords.Hand hand = claims.hand();
        int record = hand.take(false);
        try {
            long position = slotArea.claimWrite(count, record);
            if (position == NO_POSITION) {
                return false;
            }
            for (int i = 1; i < count; i++) {
                int slot = slotArea.offset(position + i);
                int from = i * slotPayload;
                buffer.putInt(slot + SLOT_KIND_OFFSET, KIND_CONTINUATION);
                buffer.put(slot + SLOT_PAYLOAD_OFFSET, source, offset + from, Math.min(slotPayload, length - from));
                region.setLongRelease(slot, position + i + 1);
            }
            int slot = slotArea.offset(position);
            buffer.putInt(slot + SLOT_LENGTH_OFFSET, length);
            buffer.putInt(slot + SLOT_KIND_OFFSET, kind);
            buffer.put(slot + SLOT_PAYLOAD_OFFSET, source, offset, Math.min(slotPayload, length));
            region.setLongRelease(slot, position + 1);
            return true;
        } finally {
            hand.release(record, false);
        }
    }

    @Override
    boolean writable(int length) {
        long position = region.getLongVolatile(tailOffset);
        return slotArea.slotsFree(position, slotArea.slotsFor(length)) >= 0
                && (capacity == slots || position - region.getLongVolatile(headOffset) < capacity);
    }

    // ---- zero-copy writing -------------------------------------------------------------------------

    /** One slot's payload at most: a claim's bytes are contiguous, and a message of several slots is not. */
    @Override
    public int maxClaimBytes() {
        return Math.min(maxMessageBytes, slotPayload);
    }

    /**
     * Claims one slot, noting it in the thread's claim record, which the thread keeps until it
     * commits or aborts: a claimant that dies meanwhile is found, and its slot skipped, by the
     * recovery of any other claim (see the class comment).
     */
    @Override
    int claim(int length) {
        ClaimRecords.Hand hand = claims.hand();
        if (hand.claimPosition != NO_POSITION) {
            throw RingChecks.claimOpen(slotArea.offset(hand.claimPosition) + SLOT_PAYLOAD_OFFSET, this);
        }
        int record = hand.take(false);
        long position = slotArea.claimWrite(1, record);
        if (position == NO_POSITION) {
            hand.release(record, false);
            return INSUFFICIENT_CAPACITY;
        }
        int slot = slotArea.offset(position);
        buffer.putInt(slot + SLOT_LENGTH_OFFSET, length);
        buffer.putInt(slot + SLOT_KIND_OFFSET, KIND_MESSAGE);
        hand.claimPosition = position;
        hand.claimWord = record;
        return slot + SLOT_PAYLOAD_OFFSET;
    }

    /** Aborts the current thread's open claim, if it has one: no reader is left waiting at its slot. */
    @Override
    void abortOpenClaim() {
        ClaimRecords.Hand hand = claims.boundHand();
        if (hand != null && hand.claimPosition != NO_POSITION) {
            finishClaim(slotArea.offset(hand.claimPosition) + SLOT_PAYLOAD_OFFSET, false);
        }
    }

    /**
     * Publishes the claimed slot: as a message, or aborted ({@link MpmcRingLayout#KIND_ABORTED}: readers free it unseen).
     * Also once the ring is closed in this process: a thread that claimed before the close
     * finishes its claim, so no reader waits at its slot.
     */
    @Override
    void finishClaim(int index, boolean commit) {
        ClaimRecords.Hand hand = claims.hand();
        long position = hand.claimPosition;
        int slot = index - SLOT_PAYLOAD_OFFSET;
        if (position == NO_POSITION || slotArea.offset(position) != slot) {
            throw RingChecks.noClaim(index, position == NO_POSITION ? -1 : slotArea.offset(position) + SLOT_PAYLOAD_OFFSET, this);
        }
        if (!commit) {
            buffer.putInt(slot + SLOT_KIND_OFFSET, KIND_ABORTED);
        }
        region.setLongRelease(slot, position + 1);
        hand.claimPosition = NO_POSITION;
        hand.release(hand.claimWord, false);
        notEmpty.signalOne();
    }

    // ---- consumer ----------------------------------------------------------------------------------

    @Override
    <T> T tryRead(RecordReader<T> reader) {
        ClaimRecords.Hand hand = claims.hand();
        int record = hand.take(true);
        try {
            long position = slotArea.claimMessage(record);
            if (position == NO_POSITION) {
                return null;
            }
            int slot = slotArea.offset(position);
            int count = (int) region.getLong(record + RECORD_COUNT_DELTA);
            int length = buffer.getInt(slot + SLOT_LENGTH_OFFSET);
            int kind = buffer.getInt(slot + SLOT_KIND_OFFSET);
            try {
                return count == 1 ? reader.read(buffer, slot + SLOT_PAYLOAD_OFFSET, length, kind)
                        : reader.readSpread(slotArea, position, length, kind);
            } finally {
                slotArea.free(position, count);
            }
        } finally {
            hand.release(record, true);
        }
    }

    /**
     * Hands messages to the handler one by one, each claimed at the head first (so it is no
     * longer in the ring when the handler sees it): {@link ControlledMessageHandler.Action#ABORT}
     * cannot put it back, and is refused (see {@link MessageRing#controlledRead}).
     */
    @Override
    public int controlledRead(ControlledMessageHandler handler, int limit) {
        RingChecks.checkHandler(handler, limit);
        checkOpen();
        ensureConsumer();
        ClaimRecords.Hand hand = claims.hand();
        int n = 0;
        try {
            while (n < limit) {
                int record = hand.take(true);
                ControlledMessageHandler.Action action;
                try {
                    long position = slotArea.claimMessage(record);
                    if (position == NO_POSITION) {
                        break;
                    }
                    n++;
                    action = deliver(handler, position, (int) region.getLong(record + RECORD_COUNT_DELTA));
                } finally {
                    hand.release(record, true);
                }
                if (action == ControlledMessageHandler.Action.ABORT) {
                    throw new IllegalStateException(name() + ": a handler returned ABORT, but a multi-consumer ring cannot give a"
                            + " message back (it was taken from the ring before the handler saw it, and other consumers may have"
                            + " moved past it), so it counts as consumed: return BREAK and keep what you still need, or use an"
                            + " SpscRing, whose controlledRead honours ABORT");
                }
                if (action == ControlledMessageHandler.Action.BREAK) {
                    break;
                }
            }
        } finally {
            if (n > 0) {
                notFull.signalAll();
            }
        }
        return n;
    }

    /** Hands the claimed message of {@code count} slots at {@code position} to the handler (in place if it has one slot), then frees it. */
    private ControlledMessageHandler.Action deliver(ControlledMessageHandler handler, long position, int count) {
        int slot = slotArea.offset(position);
        int length = buffer.getInt(slot + SLOT_LENGTH_OFFSET);
        try {
            if (count == 1) {
                return handler.onMessage(buffer, slot + SLOT_PAYLOAD_OFFSET, length);
            }
            byte[] copy = new byte[length];
            slotArea.gather(position, 0, copy, length);
            return handler.onMessage(ByteBuffer.wrap(copy).order(ByteOrder.nativeOrder()), 0, length);
        } finally {
            slotArea.free(position, count);
        }
    }

    @Override
    byte[] peekCopy() {
        return slotArea.peekCopy();
    }

    @Override
    boolean readable() {
        long position = region.getLongVolatile(headOffset);
        return region.getLongAcquire(slotArea.offset(position)) > position;
    }

    // ---- recovery ----------------------------------------------------------------------------------

    /**
     * Resolves the claims that block this side, if their claimants died (see
     * {@link MpmcSlots#recoverForReader} and {@link MpmcSlots#recoverForWriter}).
     */
    @Override
    boolean recoverFromDeadProcesses(boolean reading) {
        return reading ? slotArea.recoverForReader() : slotArea.recoverForWriter();
    }

    // ---- state ---------------------------------------------------------------------------------------

    @Override
    public int size() {
        long head = region.getLongVolatile(headOffset);
        long tail = region.getLongVolatile(tailOffset);
        return (int) Math.max(0, Math.min(tail - head, capacity));
    }

    @Override
    String describeState() {
        return size() + " messages, tail " + region.getLongVolatile(tailOffset) + ", head " + region.getLongVolatile(headOffset);
    }

    /**
     * A ring travels as a handle (its file's name, kind and layout version) and re-attaches on
     * arrival.
     *
     * @return the handle
     */
    private Object writeReplace() {
        return ObjectHandle.of(region, QueueTypes.MPMC_RING, null);
    }
}
