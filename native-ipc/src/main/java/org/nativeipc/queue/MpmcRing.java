package org.nativeipc.queue;

import static org.nativeipc.queue.MpmcRingLayout.*;

import java.io.Serializable;
import java.lang.invoke.VarHandle;

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
 *
 * <p><b>Message size.</b> Slots have a fixed size, {@code 16 + maxMessageBytes}. A message larger
 * than {@link #maxMessageBytes()} is refused with an {@link IllegalArgumentException} before
 * anything is written; messages never span slots.
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
 * up for at most about a tenth of a second.
 *
 * @serial exclude (a ring travels as a handle: see {@code writeReplace})
 */
public final class MpmcRing extends AbstractRing implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Participants an MPMC ring records (processes that used it, with reuse of dead ones). */
    static final int PARTICIPANT_SLOTS = 256;
    /** Spins ({@link Thread#onSpinWait()}) to back off after each CAS lost to another thread, times the losses so far. */
    static final int BACKOFF_SPINS_PER_LOSS = 16;
    /** Longest back-off, in spins. */
    static final int MAX_BACKOFF_SPINS = 256;
    /**
     * Fewest slots a ring has. With one slot, "published at position p" and "free for position
     * p + 1" would be the same sequence number, and writers would overwrite unread messages; a
     * ring of capacity 1 has two slots and its writers also check the head.
     */
    static final int MIN_SLOTS = 2;

    private final int slots;
    private final boolean powerOfTwo;
    private final long mask;
    private final int slotBytes;
    private final int slotsStart;
    private final int tailOffset;
    private final int headOffset;
    private final ClaimRecords claims;

    MpmcRing(SharedRegion region, int base, boolean standalone) {
        super(region, base, RingControlLayout.TYPE_MPMC, standalone);
        this.slots = slotCount(capacity);
        this.slotBytes = region.getInt(base + RingControlLayout.SLOT_BYTES_OFFSET);
        if (slotBytes != MpmcRingLayout.slotBytes(maxMessageBytes) || areaBytes != SLOTS_OFFSET + (long) slots * slotBytes) {
            throw new IllegalStateException(region + " holds an MPMC ring of " + slots + " slots of " + slotBytes + " bytes in "
                    + areaBytes + " bytes for messages of up to " + maxMessageBytes + " bytes, which is inconsistent:"
                    + " the file is corrupted; create the ring again");
        }
        this.powerOfTwo = Integer.bitCount(slots) == 1;
        this.mask = slots - 1L;
        this.slotsStart = area + SLOTS_OFFSET;
        this.tailOffset = area + TAIL_OFFSET;
        this.headOffset = area + HEAD_OFFSET;
        this.claims = new ClaimRecords(region, area + RECORDS_OFFSET, participants, this::participantId, base);
    }

    /**
     * Bytes of one slot of a ring for messages of up to {@code maxMessageBytes}: for sizing a
     * ring to a number of bytes.
     *
     * @param maxMessageBytes largest message in bytes
     * @return the bytes of one slot
     */
    public static int bytesPerSlot(int maxMessageBytes) {
        return MpmcRingLayout.slotBytes(maxMessageBytes);
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
        return RingControlLayout.controlBytes(PARTICIPANT_SLOTS) + SLOTS_OFFSET + slotCount(capacity) * slotBytes(maxMessageBytes);
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
        long bytes = RingControlLayout.controlBytes(PARTICIPANT_SLOTS) + SLOTS_OFFSET + (long) slotCount(capacity) * slotBytes(maxMessageBytes);
        if (bytes > SharedRegion.MAX_FILE_BYTES - 4096) {
            throw new IllegalArgumentException(capacity + " slots of " + slotBytes(maxMessageBytes) + " bytes need " + bytes
                    + " bytes, more than one region can map: lower the capacity or the maximum message size");
        }
    }

    /** Writes the control block of a new ring at {@code base} (creator, before publication). */
    static void initialize(SharedRegion region, int base, int capacity, int maxMessageBytes, int flags, int expectedProducers) {
        checkGeometry(capacity, maxMessageBytes);
        int slotBytes = slotBytes(maxMessageBytes);
        int slots = slotCount(capacity);
        new RingGeometry(RingControlLayout.TYPE_MPMC, flags, capacity, maxMessageBytes, SLOTS_OFFSET + slots * slotBytes,
                slotBytes, PARTICIPANT_SLOTS, expectedProducers).write(region, base);
        int start = base + RingControlLayout.controlBytes(PARTICIPANT_SLOTS) + SLOTS_OFFSET;
        for (int i = 0; i < slots; i++) {
            region.putLong(start + i * slotBytes + SLOT_SEQUENCE_OFFSET, i);
        }
    }

    private int slotOffset(long position) {
        long index = powerOfTwo ? position & mask : position % slots;
        return slotsStart + (int) index * slotBytes;
    }

    private static void backOff(int losses) {
        for (int i = Math.min(MAX_BACKOFF_SPINS, losses * BACKOFF_SPINS_PER_LOSS); i > 0; i--) {
            Thread.onSpinWait();
        }
    }

    /**
     * Claims the next position of the index at {@code indexOffset} (tail for writing, head for
     * reading) if its slot is ready for it, that is if the slot's sequence is the position plus
     * {@code ready} (0 for a writer, 1 for a reader), noting the claim in the word
     * {@code record} first. The caller then owns the slot until it stores its sequence.
     *
     * @return the claimed position, or {@link MpmcRingLayout#NO_POSITION} if the ring is full (empty)
     */
    private long claim(int indexOffset, long ready, int record) {
        for (int losses = 0; ; ) {
            long position = region.getLongVolatile(indexOffset);
            long sequence = region.getLongAcquire(slotOffset(position));
            long expected = position + ready;
            if (sequence == expected) {
                if (ready == 0 && capacity < slots && position - region.getLongVolatile(headOffset) >= capacity) {
                    return NO_POSITION; // a ring of capacity 1 is full with one message in its two slots
                }
                region.putLong(record, position);
                if (region.compareAndSetLong(indexOffset, position, position + 1)) {
                    return position;
                }
                region.putLong(record, NO_POSITION);
                backOff(++losses);
            } else if (sequence < expected) {
                return NO_POSITION;
            } else if (region.getLongVolatile(indexOffset) == position) {
                // The index still names a slot already finished for this lap: a reader found a
                // position skipped after its writer died (a writer never sees this). Move on.
                region.compareAndSetLong(indexOffset, position, position + 1);
            }
        }
    }

    /** Package-private for crash tests: claims like a writer (reader) would, and leaves the claim unfinished. */
    long claimAndAbandon(boolean reading) {
        return claim(reading ? headOffset : tailOffset, reading ? 1 : 0, claims.hand().take(reading));
    }

    // ---- producer ----------------------------------------------------------------------------------

    @Override
    boolean tryWrite(byte[] source, int offset, int length, int kind) {
        ClaimRecords.Hand hand = claims.hand();
        int record = hand.take(false);
        try {
            long position = claim(tailOffset, 0, record);
            if (position == NO_POSITION) {
                return false;
            }
            int slot = slotOffset(position);
            buffer.putInt(slot + SLOT_LENGTH_OFFSET, length);
            buffer.putInt(slot + SLOT_KIND_OFFSET, kind);
            buffer.put(slot + SLOT_PAYLOAD_OFFSET, source, offset, length);
            region.setLongRelease(slot, position + 1);
            return true;
        } finally {
            hand.release(record, false);
        }
    }

    @Override
    boolean writable(int length) {
        long position = region.getLongVolatile(tailOffset);
        return region.getLongAcquire(slotOffset(position)) >= position
                && (capacity == slots || position - region.getLongVolatile(headOffset) < capacity);
    }

    // ---- consumer ----------------------------------------------------------------------------------

    @Override
    Object tryRead(RecordReader<?> reader) {
        ClaimRecords.Hand hand = claims.hand();
        int record = hand.take(true);
        try {
            long position = claim(headOffset, 1, record);
            if (position == NO_POSITION) {
                return EMPTY;
            }
            int slot = slotOffset(position);
            try {
                return reader.read(buffer, slot + SLOT_PAYLOAD_OFFSET, messageLength(slot), buffer.getInt(slot + SLOT_KIND_OFFSET));
            } finally {
                region.setLongRelease(slot, position + slots);
            }
        } finally {
            hand.release(record, true);
        }
    }

    private int messageLength(int slot) {
        int length = buffer.getInt(slot + SLOT_LENGTH_OFFSET);
        if (length < 0 || length > maxMessageBytes) {
            throw new IllegalStateException(name() + " is corrupted: slot at " + slot + " holds a message of " + length
                    + " bytes; create the ring again");
        }
        return length;
    }

    @Override
    byte[] peekCopy() {
        while (true) {
            long position = region.getLongVolatile(headOffset);
            int slot = slotOffset(position);
            long sequence = region.getLongAcquire(slot);
            if (sequence <= position) {
                return null;
            }
            if (sequence > position + 1) {
                if (region.getLongVolatile(headOffset) == position) {
                    region.compareAndSetLong(headOffset, position, position + 1);
                }
                continue;
            }
            int length = buffer.getInt(slot + SLOT_LENGTH_OFFSET);
            if (length >= 0 && length <= maxMessageBytes) {
                byte[] copy = new byte[length];
                buffer.get(slot + SLOT_PAYLOAD_OFFSET, copy, 0, length);
                VarHandle.acquireFence();
                // Still the same message (published or being read, not yet freed): the copy is whole.
                if (region.getLongVolatile(slot) == sequence) {
                    return copy;
                }
            }
        }
    }

    @Override
    boolean readable() {
        long position = region.getLongVolatile(headOffset);
        return region.getLongAcquire(slotOffset(position)) > position;
    }

    // ---- recovery ----------------------------------------------------------------------------------

    /**
     * Resolves the claim that blocks this side, if its claimant died: for a reader, a writer's
     * unfinished claim of the head position; for a writer, a claim of the previous lap (by a
     * reader or a writer) still holding the tail's slot.
     */
    @Override
    boolean recoverFromDeadProcesses(boolean reading) {
        if (reading) {
            long position = region.getLongVolatile(headOffset);
            int slot = slotOffset(position);
            return region.getLongVolatile(slot) == position && region.getLongVolatile(tailOffset) > position
                    && resolve(slot, position, position + slots, position, false);
        }
        long position = region.getLongVolatile(tailOffset);
        long previous = position - slots;
        int slot = slotOffset(position);
        long sequence = region.getLongVolatile(slot);
        if (sequence == previous + 1) {
            return region.getLongVolatile(headOffset) > previous && resolve(slot, sequence, position, previous, true);
        }
        return sequence == previous && resolve(slot, sequence, position, previous, false);
    }

    /** Frees {@code slot} (sequence {@code stuck} to {@code freed}) unless a live process claims {@code position}. */
    private boolean resolve(int slot, long stuck, long freed, long position, boolean reading) {
        if (claims.claimedByLiveProcess(position, reading)) {
            return false;
        }
        if (region.compareAndSetLong(slot, stuck, freed)) {
            countLost();
        }
        return true;
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
