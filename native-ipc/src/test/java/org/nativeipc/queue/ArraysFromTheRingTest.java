package org.nativeipc.queue;

import static org.junit.jupiter.api.Assertions.*;
import static org.nativeipc.testing.ChildAssertions.*;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nativeipc.codec.Codec;
import org.nativeipc.codec.CodecException;
import org.nativeipc.codec.Codecs;
import org.nativeipc.process.ChildProcess;

/**
 * A {@code byte[]} element that fits in the ring is read from the ring straight into the array
 * the consumer gets ({@link MessageCopy#DIRECT_ARRAY_BYTES} and up): every size and slot layout
 * intact across processes, one allocation of the element's size per take, the sent bytes still
 * available to {@code recvBytes}, and a header that lies decoded as before.
 */
class ArraysFromTheRingTest extends WithChildren {
    /** Around the direct-read threshold, slot payload sizes, and up to beyond 64 KiB. */
    private static final int[] SIZES = {0, 1, 1000, 1018, 1019, 1020, 1023, 1024, 1025, 1111, 4096, 9999, 65_531, 65_536, 200_000};

    @ParameterizedTest
    @EnumSource(QueueKinds.class)
    void arraysOfEverySizeCrossProcessesIntact(QueueKinds kind) throws Exception {
        for (Codec<?> codec : List.of(Codecs.defaults(), Codecs.bytes())) {
            try (SharedQueue<Object> q = kind.builder(8).maxMessageBytes(256 << 10).codec(codec).build()) {
                crossIntact(q, kind + " " + codec);
            }
        }
    }

    @Test
    void arraysSpreadOverSmallSlotsOfAMultiProducerRingCrossProcessesIntact() throws Exception {
        // 4096 slots for messages of up to 256 KiB: slots of 256 bytes, so a header and its array
        // start in the first slot and the array goes on over many
        try (SharedQueue<Object> q = SharedQueue.builder().capacity(4096).maxMessageBytes(256 << 10).build()) {
            crossIntact(q, "small slots");
        }
    }

    private void crossIntact(SharedQueue<Object> q, String what) throws Exception {
        ChildProcess producer = start(new ChildProcess(() -> {
            for (int i = 0; i < SIZES.length; i++) {
                q.put(MessageSizesTest.pattern(SIZES[i], i));
            }
        }));
        for (int i = 0; i < SIZES.length; i++) {
            assertArrayEquals(MessageSizesTest.pattern(SIZES[i], i), (byte[]) q.take(), what + ": element of " + SIZES[i] + " bytes");
        }
        assertExitsOk(producer);
    }

    @ParameterizedTest
    @EnumSource(QueueKinds.class)
    void aTakeOfA64KiBArrayAllocatesTheArrayAlone(QueueKinds kind) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int size = 64 << 10;
        try (SharedQueue<byte[]> q = kind.create(4)) {
            byte[] element = MessageSizesTest.pattern(size, 3);
            for (int round = 0; round < 3; round++) { // the last round counts: the first ones load and compile
                q.put(element);
                long before = threads.getCurrentThreadAllocatedBytes();
                byte[] taken = q.take();
                long allocated = threads.getCurrentThreadAllocatedBytes() - before;
                assertArrayEquals(element, taken, kind + ", round " + round);
                if (round == 2) {
                    assertTrue(allocated < size + size / 8, kind + ": a take of " + size + " bytes allocated " + allocated
                            + " bytes (the element's array alone expected, no copy of the message before it)");
                }
            }
        }
    }

    @Test
    void aPipeHandsOutTheSentBytesOfAnArrayToRecvBytesAndTheArrayToRecv() {
        try (Pipe pipe = Pipe.open(64 << 10)) {
            byte[] element = MessageSizesTest.pattern(5000, 4);
            pipe.left().send(element);
            pipe.left().send(element);
            assertArrayEquals(HostileMessages.encoded(Codecs.defaults(), element), pipe.right().recvBytes(),
                    "recvBytes of a sent array: the codec's bytes, header included");
            assertArrayEquals(element, (byte[]) pipe.right().recv());
        }
    }

    @ParameterizedTest
    @EnumSource(QueueKinds.class)
    void anArrayHeaderThatLiesIsDecodedAsBeforeAndRefused(QueueKinds kind) throws Exception {
        try (SharedQueue<Object> q = kind.create(4)) {
            byte[] lie = HostileMessages.encoded(Codecs.defaults(), new byte[3000]);
            lie[1] = (byte) (lie[1] + 1); // the varint length says one byte more than follows
            HostileMessages.inject(q, lie);
            q.put("next");
            CodecException e = assertThrows(CodecException.class, q::take);
            assertTrue(e.getMessage().contains("3003 bytes"), e.getMessage());
            assertEquals("next", q.take(), "the next element is unaffected");
            assertEquals(1, q.undecodableMessages());
        }
    }

    @Test
    void aGatherFromTheMiddleOfASlotCopiesTheRightBytes() throws Exception {
        try (MpmcRing ring = MpmcRing.create(4096, 256 << 10)) {
            byte[] message = MessageSizesTest.pattern(3000, 5);
            ring.put(message, 0, message.length);
            MpmcSlots slots = ring.slotArea();
            long position = 0;
            for (int from : new int[] {0, 3, 239, 240, 241, 2999}) {
                byte[] part = new byte[message.length - from];
                slots.gather(position, from, part, part.length);
                assertArrayEquals(Arrays.copyOfRange(message, from, message.length), part, "from " + from);
            }
            assertArrayEquals(message, ring.take());
        }
    }
}
