package org.nativeipc.queue;

import static org.nativeipc.queue.MpmcRingLayout.*;

import org.nativeipc.internal.memory.SharedRegion;

/**
 * For crash tests: claims on an {@link MpmcRing} made exactly the way the ring makes them, then
 * left unfinished, as a process killed at that instruction leaves them.
 */
final class AbandonedClaims {
    private AbandonedClaims() {
    }

    /** Claims the head (reading) or one tail position (writing) like a reader (writer) would, and leaves the claim unfinished. */
    static long claimAndAbandon(MpmcRing ring, boolean reading) {
        int record = ring.claims().hand().take(reading);
        return reading ? ring.slotArea().claimRead(record) : ring.slotArea().claimWrite(1, record);
    }

    /** Claims {@code count} slots like a writer of one message that needs them, and writes none. */
    static long claimAndAbandonWrite(MpmcRing ring, int count) {
        return ring.slotArea().claimWrite(count, ring.claims().hand().take(false));
    }

    /**
     * Claims {@code count} slots like a writer of a message that needs them, and publishes its
     * continuation slots but not its first, as a writer killed just before the end of a large
     * message would leave them.
     */
    static long abandonPartialWrite(MpmcRing ring, int count) {
        long position = claimAndAbandonWrite(ring, count);
        for (int i = 1; position != NO_POSITION && i < count; i++) {
            int slot = ring.slotArea().offset(position + i);
            ring.buffer().putInt(slot + SLOT_KIND_OFFSET, KIND_CONTINUATION);
            SharedRegion.LONGS.setRelease(ring.buffer(), slot, position + i + 1);
        }
        return position;
    }
}
