package org.nativeipc.queue;

import static org.nativeipc.queue.MpmcRingLayout.*;

import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

import org.nativeipc.internal.memory.SharedRegion;

/**
 * The slots of one {@link MpmcRing} (see {@link MpmcRingLayout}): where a position's slot is,
 * claiming positions at the tail and head, the payload of a message spread over several slots,
 * and the slow paths that only look at slots — peeking at the head, and resolving the claims
 * that dead processes left in a waiter's way.
 */
final class MpmcSlots {
    private static final System.Logger LOG = System.getLogger(MpmcSlots.class.getPackageName());
    /** Spins ({@link Thread#onSpinWait()}) to back off after each CAS lost to another thread, times the losses so far. */
    static final int BACKOFF_SPINS_PER_LOSS = 16;
    /** Longest back-off, in spins. */
    static final int MAX_BACKOFF_SPINS = 256;
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
    /** Most messages the ring holds (fewer than its slots for a ring of capacity 1). */
    private final int capacity;
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
        this.capacity = ring.capacity;
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

    /** Copies {@code length} bytes of the message whose slots start at {@code position}, from its byte {@code from}, into {@code bytes}. */
    void gather(long position, int from, byte[] bytes, int length) {
        int slot = from / slotPayload;
        int within = from % slotPayload;
        for (int to = 0; to < length; slot++, within = 0) {
            int n = Math.min(slotPayload - within, length - to);
            buffer.get(offset(position + slot) + SLOT_PAYLOAD_OFFSET + within, bytes, to, n);
            to += n;
        }
    }

    private static void backOff(int losses) {
        for (int i = Math.min(MAX_BACKOFF_SPINS, losses * BACKOFF_SPINS_PER_LOSS); i > 0; i--) {
            Thread.onSpinWait();
        }
    }

    /**
     * Claims the {@code count} positions from the tail if all their slots are free for this lap,
     * noting the claim in the record word {@code record} (and its slot count) first. The caller
     * then owns the slots until it publishes them.
     *
     * @return the first claimed position, or {@link MpmcRingLayout#NO_POSITION} if the ring is full
     */
    long claimWrite(int count, int record) {
        for (int losses = 0; ; ) {
            long position = region.getLongVolatile(tailOffset);
            int ready = slotsFree(position, count);
            if (ready < 0 || capacity < slots && position - region.getLongVolatile(headOffset) >= capacity) {
                return NO_POSITION; // a ring of capacity 1 is full with one message in its two slots
            }
            if (ready > 0) {
                if (noteAndClaim(tailOffset, record, position, count)) {
                    return position;
                }
                backOff(++losses);
            }
        }
    }

    /**
     * Notes the claim of the {@code count} positions from {@code position} in the record word
     * {@code record} (plain stores), then moves the index word at {@code indexOffset} (tail or
     * head) past them with one CAS; clears the note if the CAS lost.
     */
    private boolean noteAndClaim(int indexOffset, int record, long position, int count) {
        region.putLong(record + RECORD_COUNT_DELTA, count);
        region.putLong(record, position);
        if (region.compareAndSetLong(indexOffset, position, position + count)) {
            return true;
        }
        region.putLong(record, NO_POSITION);
        return false;
    }

    /** 1 if the {@code count} slots from {@code position} are free for this lap, -1 if one is still full, 0 if the tail moved on. */
    int slotsFree(long position, int count) {
        for (int i = 0; i < count; i++) {
            long sequence = region.getLongAcquire(offset(position + i));
            if (sequence != position + i) {
                return sequence < position + i ? -1 : 0;
            }
        }
        return 1;
    }

    /**
     * Claims the message at the head if it is published, noting the claim in the record word
     * {@code record} (and its slot count, which the caller reads back from there) first.
     *
     * @return the claimed position, or {@link MpmcRingLayout#NO_POSITION} if the ring is empty
     */
    long claimRead(int record) {
        for (int losses = 0; ; ) {
            long position = region.getLongVolatile(headOffset);
            int slot = offset(position);
            long sequence = region.getLongAcquire(slot);
            if (sequence == position + 1) {
                int count = messageSlots(slot, position, sequence);
                if (count > 0) {
                    if (noteAndClaim(headOffset, record, position, count)) {
                        return position;
                    }
                    backOff(++losses);
                }
            } else if (sequence <= position) {
                return NO_POSITION;
            } else if (region.getLongVolatile(headOffset) == position) {
                // The head still names a slot already finished for this lap: a reader found a
                // position skipped after its writer died (a writer never sees this). Move on.
                region.compareAndSetLong(headOffset, position, position + 1);
            }
        }
    }

    /**
     * Claims the next message to deliver at the head, freeing on the way the slots readers free
     * without delivering (a dead writer's continuation slots, aborted claims).
     *
     * @return its position (its slot count is in {@code record}), or {@link MpmcRingLayout#NO_POSITION} if there is none now
     */
    long claimMessage(int record) {
        while (true) {
            long position = claimRead(record);
            if (position == NO_POSITION) {
                return NO_POSITION;
            }
            int slot = offset(position);
            boolean skipped = isSkipped(slot);
            VarHandle.acquireFence();
            if (region.getLong(slot) != position + 1) {
                continue; // a dead writer's continuation slot, freed by a blocked writer since the claim
            }
            if (!skipped) {
                return position;
            }
            // A continuation slot left by a writer that died before publishing the first (a blocked
            // writer may free it too), or an aborted claim: free it for a writer that may wait for it.
            if (region.compareAndSetLong(slot, position + 1, position + slots)) {
                ring.notFull.signalOne();
            }
        }
    }

    /** Frees the {@code count} slots of the message read at {@code position} for the next lap. */
    void free(long position, int count) {
        for (int i = 0; i < count; i++) {
            region.setLongRelease(offset(position + i), position + i + slots);
        }
    }

    /** Slots of the published message in {@code slot}, or 0 if the head moved on meanwhile. */
    private int messageSlots(int slot, long position, long sequence) {
        if (isSkipped(slot)) {
            return 1; // a dead writer's continuation slot, or an aborted claim: freed by the reader
        }
        int length = buffer.getInt(slot + SLOT_LENGTH_OFFSET);
        if (length >= 0 && length <= maxMessageBytes) {
            return slotsFor(length);
        }
        if (region.getLongVolatile(headOffset) == position && region.getLongVolatile(slot) == sequence) {
            throw new IllegalStateException(ring.name() + " is corrupted: slot at " + slot + " holds a message of " + length
                    + " bytes; create the ring again");
        }
        return 0;
    }

    /** A copy of the head message without taking it, or null if there is none (any process may peek). */
    byte[] peekCopy() {
        while (true) {
            long head = region.getLongVolatile(headOffset);
            long position = head;
            int slot = offset(position);
            long sequence = region.getLongAcquire(slot);
            while (sequence == position + 1 && isSkipped(slot) && position - head < slots) {
                slot = offset(++position); // a dead writer's continuation slots or aborted claims, not yet freed by a reader
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
            if (length >= 0 && length <= maxMessageBytes && !isSkipped(slot)) {
                byte[] copy = new byte[length];
                gather(position, 0, copy, length);
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

    /** True for a published slot that readers free without delivering: a dead writer's continuation slot, or an aborted claim. */
    boolean isSkipped(int slot) {
        int kind = buffer.getInt(slot + SLOT_KIND_OFFSET);
        return kind == KIND_CONTINUATION || kind == KIND_ABORTED;
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
