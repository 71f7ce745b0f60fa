package org.nativeipc.queue;

import static org.junit.jupiter.api.Assertions.*;
import static org.nativeipc.queue.SideFileChecks.*;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nativeipc.codec.Codec;
import org.nativeipc.codec.CodecException;
import org.nativeipc.codec.Codecs;
import org.nativeipc.internal.memory.RegionFolder;

/** Elements larger than the ring, in one process: every way in and out of a queue and a pipe. */
class SideElementsTest {
    private static final int LARGE = (8 << 20) + 3;

    @AfterEach
    void nothingLeft() {
        assertEquals(List.of(), ownSideFiles(), "side files left behind");
    }

    @Test
    void putPeekTakeAndDrainOnMultiAndSingleProducerQueues() throws Exception {
        for (SharedQueue.Builder builder : List.of(SharedQueue.builder(), SharedQueue.builder().producers(1).consumers(1))) {
            try (SharedQueue<byte[]> q = builder.capacity(4).build()) {
                byte[] large = filled(LARGE, 1);
                q.put(large);
                assertEquals(1, q.size(), "one reference in the ring");
                assertArrayEquals(large, q.peek(), "peek reads the side file and leaves it");
                assertArrayEquals(large, q.take());
                q.put(large);
                q.put(new byte[] {42});
                List<byte[]> drained = new ArrayList<>();
                assertEquals(2, q.drainTo(drained));
                assertArrayEquals(large, drained.get(0));
                assertArrayEquals(new byte[] {42}, drained.get(1));
            }
        }
    }

    @Test
    void aFullQueueRefusesALargeOfferWithoutLeavingAFile() throws Exception {
        try (SharedQueue<byte[]> q = SharedQueue.create(1)) {
            q.put(new byte[1]);
            assertFalse(q.offer(filled(LARGE, 2)), "no room now");
            assertFalse(q.offer(filled(LARGE, 2), 20, TimeUnit.MILLISECONDS), "no room within the time");
            assertEquals(1, q.size());
        }
    }

    @Test
    void anExplicitMaxMessageBytesStillRefusesLargerElements() {
        try (SharedQueue<byte[]> q = SharedQueue.builder().capacity(4).maxMessageBytes(1024).build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> q.put(new byte[2048]));
            assertTrue(e.getMessage().contains("1024"), e.getMessage());
        }
    }

    @Test
    void aLostSideFileIsReportedAsAnUndecodableElementAndTheNextOneComes() throws Exception {
        try (SharedQueue<byte[]> q = SharedQueue.create(4)) {
            q.put(filled(LARGE, 3));
            q.put(new byte[] {7});
            for (String name : ownSideFiles()) {
                Files.delete(RegionFolder.folder().resolve(name));
            }
            CodecException e = assertThrows(CodecException.class, q::take);
            assertTrue(e.getMessage().contains("side file"), e.getMessage());
            assertEquals(1, q.undecodableMessages());
            assertArrayEquals(new byte[] {7}, q.take());
        }
    }

    @Test
    void pipesCarryLargeObjectsAndBytesOnASmallBuffer() {
        try (Pipe pipe = Pipe.open(1024)) {
            byte[] large = filled(LARGE, 4);
            pipe.left().sendBytes(large, 0, large.length);
            pipe.left().send(large);
            pipe.left().send(List.of("small", 1));
            assertArrayEquals(large, pipe.right().recvBytes());
            assertArrayEquals(large, (byte[]) pipe.right().recv());
            assertEquals(List.of("small", 1), pipe.right().recv());
            pipe.right().sendBytes(large, 5, 1000);
            assertArrayEquals(Arrays.copyOfRange(large, 5, 1005), (byte[]) pipe.left().recv());
        }
    }

    @Test
    void aLargeArrayGoesStraightFromTheCallersArrayToTheFileAndIntoTheTakersArray() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (Codec<?> codec : List.of(Codecs.defaults(), Codecs.bytes())) {
            try (SharedQueue<Object> q = SharedQueue.builder().capacity(4).codec(codec).build()) {
                byte[] large = filled(LARGE, 5);
                for (int round = 0; round < 3; round++) { // the last round counts: the first ones load and compile
                    long before = threads.getCurrentThreadAllocatedBytes();
                    q.put(large);
                    long put = threads.getCurrentThreadAllocatedBytes() - before;
                    before = threads.getCurrentThreadAllocatedBytes();
                    byte[] taken = (byte[]) q.take();
                    long take = threads.getCurrentThreadAllocatedBytes() - before;
                    assertArrayEquals(large, taken, codec + ", round " + round);
                    if (round == 2) {
                        assertTrue(put < LARGE / 8, codec + ": put of " + LARGE + " bytes allocated " + put
                                + " bytes (no encoding buffer expected)");
                        assertTrue(take < LARGE + LARGE / 8, codec + ": take of " + LARGE + " bytes allocated " + take
                                + " bytes (the element's array alone expected)");
                    }
                }
            }
        }
    }

    @Test
    void largeElementsThatAreNotOneArrayAreEncodedAndDecodedAsUsual() throws Exception {
        try (SharedQueue<Object> q = SharedQueue.create(4)) {
            String text = "x".repeat(LARGE);
            List<Object> listOfArray = List.of(filled(LARGE, 6));
            q.put(text);
            q.put(listOfArray);
            assertEquals(text, q.peek(), "peek decodes the side file");
            assertEquals(text, q.take());
            @SuppressWarnings("unchecked")
            List<Object> back = (List<Object>) q.take();
            assertArrayEquals((byte[]) listOfArray.get(0), (byte[]) back.get(0));
        }
    }
}
