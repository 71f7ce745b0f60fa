package org.nativeipc.queue;

import static org.junit.jupiter.api.Assertions.*;
import static org.nativeipc.testing.ChildAssertions.*;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nativeipc.codec.Codecs;
import org.nativeipc.process.ChildProcess;

/** Message sizes from 0 bytes to the maximum, one over it refused, and wrap-around of both rings. */
class MessageSizesTest extends WithChildren {
    private static final int MAX = 4096;
    private static final int[] SIZES = {0, 1, 64, 1024, MAX};

    static byte[] pattern(int size, int seed) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    @ParameterizedTest
    @EnumSource(QueueKinds.class)
    void everySizeUpToTheMaximumCrossesProcessesIntact(QueueKinds kind) throws Exception {
        try (SharedQueue<byte[]> q = kind.create(4, MAX, Codecs.bytes())) {
            ChildProcess echo = start(new ChildProcess(() -> {
                for (int i = 0; i < SIZES.length; i++) {
                    byte[] got = q.take();
                    if (!java.util.Arrays.equals(pattern(SIZES[i], i), got)) {
                        throw new AssertionError("message of " + SIZES[i] + " bytes arrived as " + got.length + " different bytes");
                    }
                }
            }));
            for (int i = 0; i < SIZES.length; i++) {
                q.put(pattern(SIZES[i], i));
            }
            assertExitsOk(echo);
        }
    }

    @ParameterizedTest
    @EnumSource(QueueKinds.class)
    void oneByteOverTheMaximumIsRefusedBeforeAnythingIsWritten(QueueKinds kind) throws Exception {
        try (SharedQueue<byte[]> q = kind.create(4, MAX, Codecs.bytes())) {
            q.put(pattern(1, 1));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> q.put(new byte[MAX + 1]));
            assertTrue(e.getMessage().contains(Integer.toString(MAX)), "the message names the maximum: " + e.getMessage());
            assertEquals(1, q.size(), "nothing was written");
            assertArrayEquals(pattern(1, 1), q.take());
            assertNull(q.poll());
        }
    }

    @ParameterizedTest
    @EnumSource(value = QueueKinds.class, names = {"SPSC", "MPMC"}) // raw rings: one of each
    void theRawRingRefusesOversizedMessagesToo(QueueKinds kind) throws Exception {
        try (MessageRing ring = kind == QueueKinds.SPSC ? SpscRing.create(1024) : MpmcRing.create(4, 100)) {
            int max = ring.maxMessageBytes();
            assertThrows(IllegalArgumentException.class, () -> ring.offer(new byte[max + 1], 0, max + 1));
            assertTrue(ring.offer(new byte[max], 0, max));
            assertEquals(max, ring.poll().length);
            assertThrows(IndexOutOfBoundsException.class, () -> ring.offer(new byte[4], 2, 4));
        }
    }

    @ParameterizedTest
    @EnumSource(value = QueueKinds.class, names = {"SPSC", "MPMC"}) // raw rings: one of each
    void wrapAroundManyTimesWithVaryingSizes(QueueKinds kind) throws Exception {
        int messages = 20_000;
        try (MessageRing ring = kind == QueueKinds.SPSC ? SpscRing.create(256) : MpmcRing.create(3, 100)) {
            int max = ring.maxMessageBytes();
            ChildProcess producer = start(new ChildProcess(() -> {
                for (int i = 0; i < messages; i++) {
                    byte[] m = pattern(i % (max + 1), i);
                    ring.put(m, 0, m.length);
                }
            }));
            for (int i = 0; i < messages; i++) {
                byte[] got = ring.take();
                assertArrayEquals(pattern(i % (max + 1), i), got, "message " + i + " after wrapping around the ring");
            }
            assertExitsOk(producer);
        }
    }
}
