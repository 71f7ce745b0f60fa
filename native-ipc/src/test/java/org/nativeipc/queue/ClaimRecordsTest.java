package org.nativeipc.queue;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/**
 * The claim records of the MPMC ring under the uses that go beyond one record per thread: more
 * threads than bound records (the rest take floating records claim by claim), and a handler
 * that reads the ring it is called from (a second claim of the same kind in one thread).
 */
class ClaimRecordsTest {
    private static final int THREADS = MpmcRingLayout.BOUND_RECORDS + MpmcRingLayout.FLOATING_RECORDS + 8;
    private static final int PER_THREAD = 2_000;

    @Test
    void moreThreadsThanBoundRecordsDeliverEveryMessageExactlyOnce() throws Exception {
        try (MpmcRing ring = MpmcRing.create(64, 8)) {
            int total = THREADS * PER_THREAD;
            BitSet seen = new BitSet(total);
            AtomicInteger duplicates = new AtomicInteger();
            AtomicInteger received = new AtomicInteger();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int id = t;
                threads.add(new Thread(() -> {
                    try {
                        go.await();
                        byte[] m = new byte[8];
                        for (int i = 0; i < PER_THREAD; i++) {
                            ByteBuffer.wrap(m).order(ByteOrder.nativeOrder()).putLong(0, (long) id * PER_THREAD + i);
                            ring.put(m, 0, 8);
                            takeOne(ring, seen, duplicates, received);
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }, "claimer-" + t));
            }
            threads.forEach(Thread::start);
            go.countDown();
            for (Thread t : threads) {
                t.join(TimeUnit.MINUTES.toMillis(2));
                assertFalse(t.isAlive(), t.getName() + " did not finish within 2 minutes: " + ring);
            }
            assertNull(failure.get(), () -> "a thread failed: " + failure.get());
            assertEquals(0, duplicates.get(), "messages delivered twice");
            assertEquals(total, received.get(), "every message delivered");
            assertEquals(total, seen.cardinality(), "every message delivered");
            assertEquals(0, ring.size());
        }
    }

    private static void takeOne(MpmcRing ring, BitSet seen, AtomicInteger duplicates, AtomicInteger received) throws InterruptedException {
        byte[] m = ring.take();
        int n = (int) ByteBuffer.wrap(m).order(ByteOrder.nativeOrder()).getLong(0);
        synchronized (seen) {
            if (seen.get(n)) {
                duplicates.incrementAndGet();
            }
            seen.set(n);
        }
        received.incrementAndGet();
    }

    @Test
    void aHandlerMayReadAndWriteTheRingItIsCalledFrom() {
        try (MpmcRing ring = MpmcRing.create(8, 8)) {
            for (byte i = 0; i < 4; i++) {
                assertTrue(ring.offer(new byte[] {i}, 0, 1));
            }
            List<Byte> order = new ArrayList<>();
            int handled = ring.poll((buffer, offset, length) -> {
                order.add(buffer.get(offset));
                byte[] inner = ring.poll();
                order.add(inner[0]);
                assertTrue(ring.offer(new byte[] {(byte) (10 + inner[0])}, 0, 1), "a write from inside a read");
            }, 1);
            assertEquals(1, handled);
            assertEquals(List.of((byte) 0, (byte) 1), order, "the nested read takes the next message");
            assertArrayEquals(new byte[] {2}, ring.poll());
            assertArrayEquals(new byte[] {3}, ring.poll());
            assertArrayEquals(new byte[] {11}, ring.poll());
            assertNull(ring.poll());
            assertEquals(0, ring.lostMessages());
        }
    }
}
