package org.nativeipc.queue;

import static org.nativeipc.queue.MpmcRingLayout.*;

import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

import org.nativeipc.internal.memory.SharedRegion;

/**
 * The slots of one {@link MpmcRing} (see {@link MpmcRingLayout}): where a position's slot is, the
 * payload of a message spread over several slots, and the slow paths that only look at slots —
 * peeking at the head, and resolving the claims that dead processes left in a waiter's way.
 */
final class MpmcSlots {
    private static final System.Logger LOG = System.getLogger(MpmcSlots.class.getPackageName());
    private final MpmcRing ring;
    private final SharedRegion region;
    private final ByteBuffer buffer;
    private final ClaimRecords claims;
    /** Number of slots. */
    final int slots;
    /** Bytes of one slot. */
    final int slotBytes;
    /** Payload bytes of one slot. */
    final int slotPayload;
    private final int maxMessageBytes;
    /** Most slots one message takes. */
    private final int maxSlotsPerMessage;
    private final boolean powerOfTwo;
    private final long mask;
    private final int first;
    private final int tailOffset;
    private final int headOffset;

    /**
     * @param area offset of the ring's area (after its control block) in the region's payload
     */
    MpmcSlots(MpmcRing ring, SharedRegion region, ClaimRecords claims, int area, int slots, int slotBytes, int maxMessageBytes) {
        this.ring = ring;
        this.region = region;
        this.buffer = region.payload();
        this.claims = claims;
        this.slots = slots;
        this.slotBytes = slotBytes;
        this.slotPayload = slotBytes - SLOT_PAYLOAD_OFFSET;
        this.maxMessageBytes = maxMessageBytes;
        this.maxSlotsPerMessage = MpmcRingLayout.slotsFor(maxMessageBytes, slotBytes);
        this.powerOfTwo = Integer.bitCount(slots) == 1;
        this.mask = slots - 1L;
        this.first = area + SLOTS_OFFSET;
        this.tailOffset = area + TAIL_OFFSET;
        this.headOffset = area + HEAD_OFFSET;
    }

    /** Offset of the slot of {@code position} in the region's payload. */
    int offset(long position) {
        long index = powerOfTwo ? position & mask : position % slots;
        return first + (int) index * slotBytes;
    }

    /** Slots a message of {@code length} bytes takes. */
    int slotsFor(int length) {
        return MpmcRingLayout.slotsFor(length, slotBytes);
    }

    /** Copies the payload of the message of {@code length} bytes whose slots start at {@code position} into {@code bytes}. */
    void gather(long position, byte[] bytes, int length) {
        for (int from = 0, i = 0; from < length; from += slotPayload, i++) {
            buffer.get(offset(position + i) + SLOT_PAYLOAD_OFFSET, bytes, from, Math.min(slotPayload, length - from));
        }
    }

    /** A copy of the head message without taking it, or null if there is none (any process may peek). */
    byte[] peekCopy() {
        while (true) {
            long head = region.getLongVolatile(headOffset);
            long position = head;
            int slot = offset(position);
            long sequence = region.getLongAcquire(slot);
            while (sequence == position + 1 && isContinuation(slot) && position - head < slots) {
                slot = offset(++position); // a dead writer's continuation slots, not yet freed by a reader
                sequence = region.getLongAcquire(slot);
            }
            if (sequence <= position) {
                return null;
            }
            if (sequence > position + 1) {
                if (position == head && region.getLongVolatile(headOffset) == position) {
                    region.compareAndSetLong(headOffset, position, position + 1);
                }
                continue;
            }
            int length = buffer.getInt(slot + SLOT_LENGTH_OFFSET);
            if (length >= 0 && length <= maxMessageBytes && buffer.getInt(slot + SLOT_KIND_OFFSET) != KIND_CONTINUATION) {
                byte[] copy = new byte[length];
                gather(position, copy, length);
                VarHandle.acquireFence();
                // Still the same message (published or being read; its first slot is freed first): the copy is whole.
                if (region.getLongVolatile(slot) == sequence) {
                    return copy;
                }
            }
        }
    }

    /**
     * For a blocked reader: resolves a writer's unfinished claim of the head position, and of
     * the positions after it that the same dead writer left (unpublished, or published
     * continuation slots, which readers free).
     *
     * @return true if a slot was resolved
     */
    boolean recoverForReader() {
        boolean changed = false;
        long head = region.getLongVolatile(headOffset);
        long tail = region.getLongVolatile(tailOffset);
        for (long position = head; position < tail && position - head < slots; position++) {
            int slot = offset(position);
            long sequence = region.getLongVolatile(slot);
            if (sequence == position) {
                if (!resolve(slot, position, position + slots, position, false)) {
                    break;
                }
                changed = true;
            } else if (sequence != position + 1 || !isContinuation(slot)) {
                break;
            }
        }
        return changed;
    }

    /**
     * For a blocked writer: resolves the claims of the previous lap (by a reader or a writer)
     * that still hold slots the tail needs for a message, and frees the continuation slots that
     * a writer published before it died (readers would free them too, but there may be none now).
     *
     * @return true if a slot was resolved
     */
    boolean recoverForWriter() {
        boolean changed = false;
        long tail = region.getLongVolatile(tailOffset);
        for (long position = tail; position - tail < maxSlotsPerMessage; position++) {
            long previous = position - slots;
            int slot = offset(position);
            long sequence = region.getLongVolatile(slot);
            boolean resolved;
            if (sequence == previous + 1) {
                // Taken by a reader that died, or a continuation slot whose writer died before publishing the first.
                boolean taken = region.getLongVolatile(headOffset) > previous;
                resolved = (taken || isContinuation(slot)) && resolve(slot, sequence, position, previous, taken);
            } else if (sequence == previous) {
                resolved = resolve(slot, sequence, position, previous, false);
            } else {
                resolved = sequence >= position;
            }
            if (!resolved) {
                break;
            }
            changed |= sequence < position;
        }
        return changed;
    }

    private boolean isContinuation(int slot) {
        return buffer.getInt(slot + SLOT_KIND_OFFSET) == KIND_CONTINUATION;
    }

    /**
     * Frees {@code slot} (sequence {@code stuck} to {@code freed}) unless a live process claims
     * {@code position}; a message is counted lost at its first slot.
     */
    private boolean resolve(int slot, long stuck, long freed, long position, boolean reading) {
        if (claims.claimedByLiveProcess(position, reading)) {
            return false;
        }
        if (region.compareAndSetLong(slot, stuck, freed) && !claims.continuesAClaim(position, reading)) {
            ring.countLost();
            LOG.log(System.Logger.Level.WARNING, ring.name() + ": the process that claimed position " + position + " to "
                    + (reading ? "read" : "write") + " it died; its message is lost and its slots freed");
        }
        return true;
    }
}
