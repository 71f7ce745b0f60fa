package org.nativeipc.queue;

import static org.nativeipc.queue.MpmcRingLayout.*;

import java.io.Serializable;
import java.lang.invoke.VarHandle;

import org.nativeipc.internal.memory.RegionKind;
import org.nativeipc.internal.memory.SharedRegion;

/**
 * A bounded multi-producer/multi-consumer ring of byte messages in shared memory (see
 * {@link MpmcRingLayout}): any number of processes, and threads in them, write and read.
 *
 * <p><b>Algorithm.</b> Dmitry Vyukov's bounded MPMC queue, laid out off-heap with each slot's
 * sequence word next to its payload, with one change for crash safety: a slot is claimed by a
 * CAS on its own sequence word, from the position to a claim that names the claimant and the
 * position, and the shared tail (head) is then moved along with a CAS that anyone may do. So
 * there is never a moment when a position is taken but nobody can tell by whom. Per message: two
 * CAS (claim, advance) and one release store (publish), no system call.
 *
 * <p><b>Message size.</b> Slots have a fixed size, {@code 16 + maxMessageBytes}. A message larger
 * than {@link #maxMessageBytes()} is refused with an {@link IllegalArgumentException} before
 * anything is written; messages never span slots.
 *
 * <p><b>Crash safety.</b> A process killed between claiming a slot and publishing (or freeing)
 * it leaves a claim with its participant id. A process blocked by that claim (a consumer
 * waiting for that position, a producer waiting for that slot one lap later) checks the owner's
 * pid and start time, at most every few milliseconds while it waits, and resolves the claim
 * of a dead owner with a CAS: the position is skipped (a message being written is lost) or the
 * slot freed (a message being read is lost). Only the dead process's own message is lost;
 * none other is lost or delivered twice. Blocked readers and writers of a dead owner's claim
 * are held up for at most about a tenth of a second.
 */
public final class MpmcRing extends AbstractRing implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Participants an MPMC ring records (processes that used it, with reuse of dead ones). */
    static final int PARTICIPANT_SLOTS = 256;
    private static final int ID_SHIFT = CLAIM_POSITION_BITS;
    private static final int SIGN_EXTEND_SHIFT = Long.SIZE - CLAIM_POSITION_BITS;

    private final int slots;
    private final boolean powerOfTwo;
    private final long mask;
    private final int slotBytes;
    private final int slotsStart;
    private final int tailOffset;
    private final int headOffset;
    private volatile long producerClaim;
    private volatile long consumerClaim;

    MpmcRing(SharedRegion region, int base, boolean standalone) {
        super(region, base, RingControlLayout.TYPE_MPMC, standalone);
        this.slots = capacity;
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
    }

    /** A new ring of {@code capacity} slots for messages of up to {@code maxMessageBytes}. */
    public static MpmcRing create(int capacity, int maxMessageBytes) {
        SharedRegion region = SharedRegion.create(RegionKind.MPMC_RING, VERSION, ringBytes(capacity, maxMessageBytes),
                r -> initialize(r, 0, capacity, maxMessageBytes, 0, 0));
        return RingHandle.register(new MpmcRing(region, 0, true));
    }

    /** Bytes a ring takes in its region. */
    static int ringBytes(int capacity, int maxMessageBytes) {
        checkGeometry(capacity, maxMessageBytes);
        return RingControlLayout.controlBytes(PARTICIPANT_SLOTS) + SLOTS_OFFSET + capacity * slotBytes(maxMessageBytes);
    }

    private static void checkGeometry(int capacity, int maxMessageBytes) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity + " must be at least 1 message");
        }
        if (maxMessageBytes < 0 || maxMessageBytes > SharedRegion.MAX_FILE_BYTES / 2) {
            throw new IllegalArgumentException("maxMessageBytes " + maxMessageBytes + " must be between 0 and " + SharedRegion.MAX_FILE_BYTES / 2);
        }
        long bytes = RingControlLayout.controlBytes(PARTICIPANT_SLOTS) + SLOTS_OFFSET + (long) capacity * slotBytes(maxMessageBytes);
        if (bytes > SharedRegion.MAX_FILE_BYTES - 4096) {
            throw new IllegalArgumentException(capacity + " slots of " + slotBytes(maxMessageBytes) + " bytes need " + bytes
                    + " bytes, more than one region can map: lower the capacity or the maximum message size");
        }
    }

    /** Writes the control block of a new ring at {@code base} (creator, before publication). */
    static void initialize(SharedRegion region, int base, int capacity, int maxMessageBytes, int flags, int expectedProducers) {
        checkGeometry(capacity, maxMessageBytes);
        int slotBytes = slotBytes(maxMessageBytes);
        new RingGeometry(RingControlLayout.TYPE_MPMC, flags, capacity, maxMessageBytes, SLOTS_OFFSET + capacity * slotBytes,
                slotBytes, PARTICIPANT_SLOTS, expectedProducers).write(region, base);
        int start = base + RingControlLayout.controlBytes(PARTICIPANT_SLOTS) + SLOTS_OFFSET;
        for (int i = 0; i < capacity; i++) {
            region.putLong(start + i * slotBytes + SLOT_SEQUENCE_OFFSET, i);
        }
    }

    private int slotOffset(long position) {
        long index = powerOfTwo ? position & mask : position % slots;
        return slotsStart + (int) index * slotBytes;
    }

    /** Signed distance from {@code position} to the position a claim names (both taken mod 2^40). */
    private static long claimDistance(long claim, long position) {
        return ((claim - position) & CLAIM_POSITION_MASK) << SIGN_EXTEND_SHIFT >> SIGN_EXTEND_SHIFT;
    }

    private static long claimBase(boolean consumer, int id) {
        return CLAIMED | (consumer ? CONSUMER_CLAIM : 0) | (long) id << ID_SHIFT;
    }

    @Override
    void becomeProducer(int id) {
        producerClaim = claimBase(false, id);
    }

    @Override
    void becomeConsumer(int id) {
        consumerClaim = claimBase(true, id);
    }

    // ---- slot states -------------------------------------------------------------------------------

    /** The slot is ready for this side at this position: claim it. */
    private static final int READY = 0;
    /** Not yet: a writer finds the slot still in use one lap earlier (full); a reader finds nothing written yet (empty). */
    private static final int NOT_YET = 1;
    /** This position was already taken (or the index read is stale): move the index along and look again. */
    private static final int PASSED = 2;

    /** The state of {@code sequence}, the word of the slot for write position {@code position}. */
    private static int writeState(long position, long sequence) {
        if (sequence == position) {
            return READY;
        }
        if (sequence < 0) {
            return claimDistance(sequence, position) < 0 ? NOT_YET : PASSED;
        }
        return sequence < position ? NOT_YET : PASSED;
    }

    /** The state of {@code sequence}, the word of the slot for read position {@code position}. */
    private static int readState(long position, long sequence) {
        if (sequence == position + 1) {
            return READY;
        }
        if (sequence < 0) {
            long distance = claimDistance(sequence, position);
            return distance < 0 || distance == 0 && (sequence & CONSUMER_CLAIM) == 0 ? NOT_YET : PASSED;
        }
        return sequence <= position ? NOT_YET : PASSED;
    }

    // ---- producer ----------------------------------------------------------------------------------

    @Override
    boolean tryWrite(byte[] source, int offset, int length, int kind) {
        final long claimBase = producerClaim;
        while (true) {
            long position = region.getLongVolatile(tailOffset);
            int slot = slotOffset(position);
            int state = writeState(position, region.getLongAcquire(slot));
            if (state == NOT_YET) {
                return false;
            }
            if (state == PASSED) {
                region.compareAndSetLong(tailOffset, position, position + 1);
            } else if (region.compareAndSetLong(slot, position, claimBase | (position & CLAIM_POSITION_MASK))) {
                region.compareAndSetLong(tailOffset, position, position + 1);
                buffer.putInt(slot + SLOT_LENGTH_OFFSET, length);
                buffer.putInt(slot + SLOT_KIND_OFFSET, kind);
                buffer.put(slot + SLOT_PAYLOAD_OFFSET, source, offset, length);
                region.setLongRelease(slot, position + 1);
                return true;
            }
        }
    }

    @Override
    boolean writable(int length) {
        long position = region.getLongVolatile(tailOffset);
        return writeState(position, region.getLongAcquire(slotOffset(position))) != NOT_YET;
    }

    // ---- consumer ----------------------------------------------------------------------------------

    @Override
    Object tryRead(RecordReader<?> reader) {
        final long claimBase = consumerClaim;
        while (true) {
            long position = region.getLongVolatile(headOffset);
            int slot = slotOffset(position);
            int state = readState(position, region.getLongAcquire(slot));
            if (state == NOT_YET) {
                return EMPTY;
            }
            if (state == PASSED) {
                region.compareAndSetLong(headOffset, position, position + 1);
            } else if (region.compareAndSetLong(slot, position + 1, claimBase | (position & CLAIM_POSITION_MASK))) {
                region.compareAndSetLong(headOffset, position, position + 1);
                try {
                    return reader.read(buffer, slot + SLOT_PAYLOAD_OFFSET, messageLength(slot), buffer.getInt(slot + SLOT_KIND_OFFSET));
                } finally {
                    region.setLongRelease(slot, position + slots);
                }
            }
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
            int state = readState(position, sequence);
            if (state == NOT_YET) {
                return null;
            }
            if (state == PASSED) {
                region.compareAndSetLong(headOffset, position, position + 1);
                continue;
            }
            int length = buffer.getInt(slot + SLOT_LENGTH_OFFSET);
            if (length >= 0 && length <= maxMessageBytes) {
                byte[] copy = new byte[length];
                buffer.get(slot + SLOT_PAYLOAD_OFFSET, copy, 0, length);
                VarHandle.acquireFence();
                long after = region.getLongVolatile(slot);
                // Still published, or claimed by a reader of this very position (not yet freed): the copy is whole.
                if (after == sequence || after < 0 && claimDistance(after, position) == 0 && (after & CONSUMER_CLAIM) != 0) {
                    return copy;
                }
            }
        }
    }

    @Override
    boolean readable() {
        long position = region.getLongVolatile(headOffset);
        return readState(position, region.getLongAcquire(slotOffset(position))) != NOT_YET;
    }

    // ---- recovery ----------------------------------------------------------------------------------

    /**
     * Resolves the claim that blocks this side, if its owner died: for a reader, a producer's
     * claim on the head position; for a writer, any claim of the previous lap on the tail's slot.
     */
    @Override
    boolean recoverFromDeadProcesses(boolean reading) {
        long position = region.getLongVolatile(reading ? headOffset : tailOffset);
        int slot = slotOffset(position);
        long claim = region.getLongVolatile(slot);
        if (claim >= 0) {
            return false;
        }
        long distance = claimDistance(claim, position);
        boolean blocking = reading ? distance == 0 && (claim & CONSUMER_CLAIM) == 0 : distance < 0;
        if (!blocking || !participants.isDead((int) (claim >>> ID_SHIFT) & ((1 << Participants.ID_BITS) - 1))) {
            return false;
        }
        if (region.compareAndSetLong(slot, claim, position + distance + slots)) {
            countLost();
        }
        return true;
    }

    // ---- state ---------------------------------------------------------------------------------------

    @Override
    public int size() {
        long head = region.getLongVolatile(headOffset);
        long tail = region.getLongVolatile(tailOffset);
        return (int) Math.max(0, Math.min(tail - head, slots));
    }

    @Override
    String describeState() {
        return size() + " messages, tail " + region.getLongVolatile(tailOffset) + ", head " + region.getLongVolatile(headOffset);
    }

    private Object writeReplace() {
        return new RingHandle(region.handle(), RingControlLayout.TYPE_MPMC);
    }
}
