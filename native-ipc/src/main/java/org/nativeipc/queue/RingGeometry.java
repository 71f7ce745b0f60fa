package org.nativeipc.queue;

import static org.nativeipc.queue.RingControlLayout.*;

import org.nativeipc.internal.memory.SharedRegion;

/**
 * The fixed facts of a ring, from the geometry line of its {@link RingControlLayout control
 * block}: written once by the creator, read and checked by every process that attaches.
 *
 * @param type {@link RingControlLayout#TYPE_SPSC} or {@link RingControlLayout#TYPE_MPMC}
 * @param flags {@link RingControlLayout#FLAG_JOINABLE}, {@link RingControlLayout#FLAG_DEATH_CLOSES},
 *              {@link RingControlLayout#FLAG_ONE_THREAD_PER_SIDE}
 * @param capacity most messages
 * @param maxMessageBytes largest message
 * @param areaBytes bytes of the ring's own area after the control block
 * @param slotBytes bytes per MPMC slot (0 for SPSC)
 * @param participantSlots entries of the participant table
 * @param expectedProducers producers that must close before the stream ends (0: at least one)
 */
record RingGeometry(int type, int flags, int capacity, int maxMessageBytes, int areaBytes, int slotBytes,
                    int participantSlots, int expectedProducers) {

    /** Offset of the ring's own area, relative to its base. */
    int areaOffset() {
        return controlBytes(participantSlots);
    }

    /** Bytes of control block and area together. */
    long ringBytes() {
        return (long) controlBytes(participantSlots) + areaBytes;
    }

    /** Writes this geometry at {@code base} (creator only, before the region is published). */
    void write(SharedRegion region, int base) {
        region.putInt(base + TYPE_OFFSET, type);
        region.putInt(base + FLAGS_OFFSET, flags);
        region.putInt(base + CAPACITY_OFFSET, capacity);
        region.putInt(base + MAX_MESSAGE_BYTES_OFFSET, maxMessageBytes);
        region.putInt(base + AREA_BYTES_OFFSET, areaBytes);
        region.putInt(base + SLOT_BYTES_OFFSET, slotBytes);
        region.putInt(base + PARTICIPANT_SLOTS_OFFSET, participantSlots);
        region.putInt(base + EXPECTED_PRODUCERS_OFFSET, expectedProducers);
        region.putLong(base + RING_BYTES_OFFSET, ringBytes());
    }

    /**
     * Reads the geometry at {@code base} and checks that it describes a ring of {@code expectedType}
     * that fits its region.
     *
     * @throws IllegalStateException naming what is wrong, if it does not
     */
    static RingGeometry read(SharedRegion region, int base, int expectedType) {
        RingGeometry g = new RingGeometry(region.getInt(base + TYPE_OFFSET), region.getInt(base + FLAGS_OFFSET),
                region.getInt(base + CAPACITY_OFFSET), region.getInt(base + MAX_MESSAGE_BYTES_OFFSET),
                region.getInt(base + AREA_BYTES_OFFSET), region.getInt(base + SLOT_BYTES_OFFSET),
                region.getInt(base + PARTICIPANT_SLOTS_OFFSET), region.getInt(base + EXPECTED_PRODUCERS_OFFSET));
        long recorded = region.getLong(base + RING_BYTES_OFFSET);
        if (g.type != expectedType || g.participantSlots < 1 || g.participantSlots > MAX_PARTICIPANT_SLOTS || g.capacity < 1
                || g.maxMessageBytes < 0 || g.areaBytes < 0 || g.expectedProducers < 0 || recorded != g.ringBytes()
                || base + recorded > region.payloadSize()) {
            throw new IllegalStateException(region + " does not hold a valid " + (expectedType == TYPE_SPSC ? "SPSC" : "MPMC")
                    + " ring at offset " + base + " (" + g + ", ring bytes " + recorded
                    + "): the file is corrupted or was written by another version; create the queue again");
        }
        return g;
    }
}
