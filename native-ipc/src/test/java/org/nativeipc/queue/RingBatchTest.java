package org.nativeipc.queue;

import static org.junit.jupiter.api.Assertions.*;
import static org.nativeipc.testing.ChildAssertions.*;

import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nativeipc.process.ChildProcess;

/** Batch writes and batch reads of the raw rings, across processes, in order. */
class RingBatchTest extends WithChildren {
    private static final int MESSAGES = 200_000;
    private static final int BATCH = 32;

    @ParameterizedTest
    @EnumSource(value = QueueKinds.class, names = {"SPSC", "MPMC"}) // raw rings: one of each
    void batchesKeepOrderAcrossProcesses(QueueKinds kind) throws Exception {
        try (MessageRing ring = kind == QueueKinds.SPSC ? SpscRing.create(1 << 12) : MpmcRing.create(64, 16)) {
            ChildProcess producer = start(new ChildProcess(() -> {
                byte[][] batch = new byte[BATCH][];
                for (int next = 0; next < MESSAGES; ) {
                    int n = Math.min(BATCH, MESSAGES - next);
                    for (int i = 0; i < n; i++) {
                        batch[i] = java.nio.ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(0, next + i).array();
                    }
                    int written = ring.offer(batch, 0, n);
                    next += written;
                    if (written == 0) {
                        Thread.onSpinWait();
                    }
                }
            }));
            long[] expected = {0};
            long[] errors = {0};
            while (expected[0] < MESSAGES) {
                int n = ring.poll((buffer, offset, length) -> {
                    if (length != 8 || buffer.getLong(offset) != expected[0]) {
                        errors[0]++;
                    }
                    expected[0]++;
                }, BATCH, 30, TimeUnit.SECONDS);
                assertTrue(n > 0, "no message for 30 s after " + expected[0] + " of " + MESSAGES + ": " + ring);
            }
            assertEquals(0, errors[0], "messages out of order or damaged");
            assertExitsOk(producer);
        }
    }

    @ParameterizedTest
    @EnumSource(value = QueueKinds.class, names = {"SPSC", "MPMC"}) // raw rings: one of each
    void aBatchWithAnOversizedMessageIsRefusedWhole(QueueKinds kind) {
        try (MessageRing ring = kind == QueueKinds.SPSC ? SpscRing.create(256) : MpmcRing.create(4, 16)) {
            byte[][] batch = {new byte[1], new byte[ring.maxMessageBytes() + 1]};
            assertThrows(IllegalArgumentException.class, () -> ring.offer(batch, 0, 2));
            assertEquals(0, ring.size(), "nothing of the batch was written");
            assertEquals(1, ring.offer(batch, 0, 1));
            assertEquals(1, ring.size());
        }
    }
}
