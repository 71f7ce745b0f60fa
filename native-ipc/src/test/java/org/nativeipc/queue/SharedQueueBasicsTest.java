package org.nativeipc.queue;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** In-process behaviour of SharedQueue, over both rings. */
class SharedQueueBasicsTest {
    /** Elements of the allocation check (the same again to warm up). */
    private static final int ALLOCATION_ELEMENTS = 200_000;
    /** Longest wait for a blocked put to go on (generous: the machine may be loaded). */
    private static final long WAIT_SECONDS = 30;

    @ParameterizedTest
    @EnumSource(QueueKinds.class)
    void putThenTakeKeepsOrderAndTypes(QueueKinds kind) throws Exception {
        try (SharedQueue<Object> q = kind.create(8)) {
            Object[] values = {1, 2L, "three", 4.0, 5.0f, (short) 6, (byte) 7, 'c', true, new byte[] {9, 9}, List.of(1, "x")};
            for (int round = 0; round < 3; round++) {
                for (Object v : values) {
                    q.put(v);
                    Object back = q.take();
                    if (v instanceof byte[] b) {
                        assertArrayEquals(b, (byte[]) back);
                    } else {
                        assertEquals(v, back);
                    }
                }
            }
            assertNull(q.poll());
            assertTrue(q.isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(QueueKinds.class)
    void boundedByCapacity(QueueKinds kind) throws Exception {
        try (SharedQueue<Integer> q = kind.create(3)) {
            assertTrue(q.offer(1));
            assertTrue(q.offer(2));
            assertTrue(q.offer(3));
            assertFalse(q.offer(4), "a full queue refuses offer");
            assertTrue(q.isFull());
            assertEquals(3, q.size());
            assertEquals(0, q.remainingCapacity());
            assertFalse(q.offer(4, 30, TimeUnit.MILLISECONDS), "a timed offer on a full queue times out");
            assertEquals(1, q.peek());
            assertEquals(1, q.poll());
            List<Integer> rest = new ArrayList<>();
            assertEquals(2, q.drainTo(rest));
            assertEquals(List.of(2, 3), rest);
            assertNull(q.poll(30, TimeUnit.MILLISECONDS), "a timed poll on an empty queue times out");
            assertThrows(UnsupportedOperationException.class, q::iterator);
            assertTrue(q.toString().contains("capacity 3"), q.toString());
        }
    }

    /** A ring of capacity 1 holds one element: before, the MPMC ring's writers overwrote unread ones. */
    @ParameterizedTest
    @EnumSource(QueueKinds.class)
    void aCapacityOfOneHoldsOneElement(QueueKinds kind) throws Exception {
        try (SharedQueue<Integer> q = kind.create(1)) {
            for (int round = 0; round < 3; round++) {
                assertTrue(q.offer(round));
                assertFalse(q.offer(-1), "a full queue of capacity 1 refuses a second element");
                assertFalse(q.offer(-1, 10, TimeUnit.MILLISECONDS));
                assertEquals(1, q.size());
                assertEquals(round, q.take());
                assertTrue(q.isEmpty());
            }
        }
    }

    /**
     * A put blocked on a full queue goes on once a single element is taken, into that element's
     * slot (a blocked writer may not wait for more room than it needs: a change that made it wait
     * for room for a burst of writes was tried, and must keep this).
     */
    @ParameterizedTest
    @EnumSource(QueueKinds.class)
    void aPutBlockedOnAFullQueueGoesOnWhenOneElementIsTaken(QueueKinds kind) throws Exception {
        try (SharedQueue<Integer> q = kind.create(1024)) {
            CountDownLatch full = new CountDownLatch(1);
            CompletableFuture<Integer> producer = CompletableFuture.supplyAsync(() -> { // one thread fills and puts (one thread per side)
                int held = 0;
                while (q.offer(held)) {
                    held++;
                }
                full.countDown();
                try {
                    q.put(-1);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return held;
            }, task -> new Thread(task, "blocked-put").start());
            assertTrue(full.await(WAIT_SECONDS, TimeUnit.SECONDS), "the producer did not fill the queue: " + q);
            Thread.sleep(50);
            assertFalse(producer.isDone(), "a put on a full queue blocks: " + q);
            assertEquals(0, q.take());
            int held = producer.get(WAIT_SECONDS, TimeUnit.SECONDS); // a TimeoutException if the put still waits
            assertEquals(held, q.size(), "the blocked put went into the one free slot: " + q);
        }
    }

    /**
     * A queue adds no allocation of its own to an element's way through it: boxed values the
     * JDK caches (so the element itself allocates nothing either), put and taken many times in
     * one thread, with the default codec.
     */
    @ParameterizedTest
    @EnumSource(QueueKinds.class)
    void putAndTakeAllocateNothingBeyondTheElement(QueueKinds kind) throws Exception {
        try (SharedQueue<Object> q = kind.create(1024)) {
            putAndTake(q, ALLOCATION_ELEMENTS); // warm up: registration, per-thread buffers, compilation
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = threads.getCurrentThreadAllocatedBytes();
            putAndTake(q, ALLOCATION_ELEMENTS);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < ALLOCATION_ELEMENTS, allocated + " bytes allocated for " + ALLOCATION_ELEMENTS
                    + " cached Integers and Longs put and taken (less than one byte per element expected): " + q);
        }
    }

    private static void putAndTake(SharedQueue<Object> q, int elements) throws InterruptedException {
        for (int i = 0; i < elements; i++) {
            Object v = i % 2 == 0 ? Integer.valueOf(i % 128) : Long.valueOf(i % 128);
            q.put(v);
            Object back = q.take();
            if (!v.equals(back)) {
                fail("put " + v + " (" + v.getClass().getSimpleName() + "), took " + back + " from " + q);
            }
        }
    }
}
