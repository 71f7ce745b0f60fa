package org.nativeipc.queue;

import static org.junit.jupiter.api.Assertions.*;
import static org.nativeipc.testing.ChildAssertions.*;

import java.io.RandomAccessFile;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.nativeipc.internal.memory.RegionHeaderLayout;
import org.nativeipc.internal.memory.RegionKind;
import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.process.ChildProcess;
import org.nativeipc.process.ChildStartException;

/** Attaching a queue's region that is corrupted or of another kind fails with a clear message. */
class RegionValidationTest {

    @Test
    void aRingOfAnotherKindIsRefused() {
        try (SharedQueue<Integer> q = SharedQueue.create(4)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> SharedRegion.attach(q.region.path(), RegionKind.SPSC_RING, SpscRingLayout.VERSION));
            assertTrue(e.getMessage().contains("MPMC_RING") || e.getMessage().contains("kind"), e.getMessage());
        }
    }

    @Test
    void anotherLayoutVersionIsRefused() {
        try (SharedQueue<Integer> q = SharedQueue.create(4)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> SharedRegion.attach(q.region.path(), RegionKind.MPMC_RING, MpmcRingLayout.VERSION + 1));
            assertTrue(e.getMessage().contains("version"), e.getMessage());
        }
    }

    @Test
    void corruptedRingGeometryIsRefused() throws Exception {
        try (SharedQueue<Integer> q = SharedQueue.create(4)) {
            try (RandomAccessFile file = new RandomAccessFile(q.region.path().toFile(), "rw")) {
                file.seek(RegionHeaderLayout.HEADER_BYTES + RingControlLayout.AREA_BYTES_OFFSET);
                file.writeInt(0x7777_7777);
            }
            try (SharedRegion attached = SharedRegion.attach(q.region.path(), RegionKind.MPMC_RING, MpmcRingLayout.VERSION)) {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> QueueRegions.queueRing(attached));
                assertTrue(e.getMessage().contains("corrupted"), e.getMessage());
            }
        }
    }

    @Test
    void aCorruptedHeaderIsRefusedInAChildThatReceivesTheQueue() throws Exception {
        try (SharedQueue<Integer> q = SharedQueue.builder().capacity(4).producers(1).consumers(1).build()) {
            try (RandomAccessFile file = new RandomAccessFile(q.region.path().toFile(), "rw")) {
                file.seek(RegionHeaderLayout.KIND_OFFSET);
                file.writeInt(0x0102_0304);
            }
            ChildProcess child = new ChildProcess(() -> q.put(1));
            ChildStartException e = assertThrows(ChildStartException.class, child::start,
                    "the child cannot attach the damaged queue, so it never runs its task");
            assertTrue(e.getMessage().contains("corrupted"), e.getMessage());
            assertEquals(OptionalInt.of(1), child.exitCode());
            assertEquals(0, q.size(), "the child could not use the damaged queue");
        }
    }
}
