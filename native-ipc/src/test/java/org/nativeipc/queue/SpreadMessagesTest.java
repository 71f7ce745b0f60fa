package org.nativeipc.queue;

import static org.junit.jupiter.api.Assertions.*;
import static org.nativeipc.testing.ChildAssertions.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.nativeipc.process.ChildProcess;

/**
 * Messages spread over several slots of an MPMC ring (a ring for large messages has small
 * slots): every size, wrapping around the ring, claimed by several writers and readers at once,
 * and the memory of a default queue that holds small elements.
 */
class SpreadMessagesTest extends WithChildren {
    /** 2048 slots for messages of up to 64 KiB: slots of 512 bytes, a 64 KiB message takes 129. */
    private static final int SLOTS = 2048;
    private static final int MAX = 64 << 10;
    /** Sizes cycle through 0 .. SIZE_SPAN - 1: one to 40 slots. */
    private static final int SIZE_SPAN = 20_000;
    /** Largest element of the default-queue test: as large as a default queue takes, with the codec's few bytes. */
    private static final int ELEMENT_BYTES = (1 << 20) - 16;

    @Test
    void messagesOfSeveralSlotsWrapAroundTheRingIntactAcrossProcesses() throws Exception {
        int messages = 5_000;
        try (MpmcRing ring = MpmcRing.create(SLOTS, MAX)) {
            ChildProcess producer = start(new ChildProcess(() -> {
                for (int i = 0; i < messages; i++) {
                    byte[] m = MessageSizesTest.pattern(i * 7919 % SIZE_SPAN, i);
                    ring.put(m, 0, m.length);
                }
            }));
            for (int i = 0; i < messages; i++) {
                assertArrayEquals(MessageSizesTest.pattern(i * 7919 % SIZE_SPAN, i), ring.take(), "message " + i);
            }
            assertExitsOk(producer);
            byte[] largest = MessageSizesTest.pattern(MAX, 1);
            assertTrue(ring.offer(largest, 0, MAX), "the largest message fits: " + ring);
            assertArrayEquals(largest, ring.poll());
        }
    }

    @Test
    void severalWritersAndReadersDeliverEveryMessageOnceAndWhole() throws Exception {
        int writers = 3;
        int readers = 3;
        int perWriter = 3_000;
        try (MpmcRing ring = MpmcRing.create(SLOTS, MAX)) {
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            BitSet seen = new BitSet(writers * perWriter);
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                threads.add(new Thread(() -> {
                    try {
                        for (int i = 0; i < perWriter; i++) {
                            byte[] m = stamped(writer * perWriter + i);
                            ring.put(m, 0, m.length);
                        }
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                }));
            }
            int[] taken = new int[1];
            for (int r = 0; r < readers; r++) {
                threads.add(new Thread(() -> {
                    try {
                        while (true) {
                            synchronized (taken) {
                                if (taken[0] == writers * perWriter) {
                                    return;
                                }
                            }
                            byte[] m = ring.poll();
                            if (m != null) {
                                int id = checkStamped(m);
                                synchronized (taken) {
                                    assertFalse(seen.get(id), "message " + id + " delivered twice");
                                    seen.set(id);
                                    taken[0]++;
                                }
                            }
                        }
                    } catch (Throwable t) {
                        failures.add(t);
                        synchronized (taken) {
                            taken[0] = writers * perWriter;
                        }
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join(TimeUnit.MINUTES.toMillis(2));
                assertFalse(t.isAlive(), "a writer or reader did not finish within 2 minutes: " + ring);
            }
            assertTrue(failures.isEmpty(), () -> "failures: " + failures);
            assertEquals(writers * perWriter, seen.cardinality(), "every message arrived");
        }
    }

    @Test
    void aDefaultQueueHoldingSmallElementsTakesLittleMemory() throws Exception {
        try (SharedQueue<Integer> q = SharedQueue.create(1024)) {
            for (int i = 0; i < 1024; i++) {
                assertTrue(q.offer(i), "element " + i + " fits");
            }
            long bytes = Files.size(q.ring.region.path());
            assertTrue(bytes <= 4L << 20, "a default queue of 1024 small elements is a file of " + bytes + " bytes, more than 4 MiB");
            assertTrue(q.maxMessageBytes() >= 60_000, "it still takes elements of about 64 KiB: " + q.maxMessageBytes());
            assertEquals(0, q.take());
        }
    }

    @Test
    void defaultQueuesCarryElementsOfAMebibyteAcrossProcesses() throws Exception {
        for (int capacity : new int[] {16, 1024}) {
            try (SharedQueue<byte[]> q = SharedQueue.create(capacity)) {
                int elements = 20;
                ChildProcess producer = start(new ChildProcess(() -> {
                    for (int i = 0; i < elements; i++) {
                        q.put(MessageSizesTest.pattern(ELEMENT_BYTES - i * 4099, i));
                    }
                }));
                for (int i = 0; i < elements; i++) {
                    assertArrayEquals(MessageSizesTest.pattern(ELEMENT_BYTES - i * 4099, i), q.poll(2, TimeUnit.MINUTES),
                            "element " + i + " of create(" + capacity + ")");
                }
                assertExitsOk(producer);
                long bytes = Files.size(q.ring.region.path());
                assertTrue(bytes <= 2L << 20, "create(" + capacity + ") is a file of " + bytes + " bytes, more than 2 MiB");
            }
        }
    }

    /** A message of a size that depends on {@code id} (up to 40 slots), its id in the first and last 4 bytes. */
    private static byte[] stamped(int id) {
        byte[] m = MessageSizesTest.pattern(8 + id * 7919 % SIZE_SPAN, id);
        ByteBuffer b = ByteBuffer.wrap(m).order(ByteOrder.nativeOrder());
        b.putInt(0, id).putInt(m.length - 4, id);
        return m;
    }

    private static int checkStamped(byte[] m) {
        int id = ByteBuffer.wrap(m).order(ByteOrder.nativeOrder()).getInt(0);
        assertArrayEquals(stamped(id), m, "message " + id + " arrived whole");
        return id;
    }
}
