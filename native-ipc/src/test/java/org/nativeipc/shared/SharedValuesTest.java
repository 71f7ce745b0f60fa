package org.nativeipc.shared;

import static org.junit.jupiter.api.Assertions.*;
import static org.nativeipc.testing.ChildAssertions.assertAllExitOk;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.nativeipc.sync.SharedEvent;

/** {@link SharedLong}, {@link SharedDouble} and the arrays, in one process and across four. */
class SharedValuesTest extends SharedStateSupport {
    private static final int PROCESSES = 4;
    private static final int INCREMENTS = 20_000;

    @Test
    void sharedLongHasTheMethodsOfAtomicLong() {
        try (SharedLong v = SharedLong.create(5)) {
            assertEquals(5, v.get());
            assertEquals(6, v.incrementAndGet());
            assertEquals(5, v.decrementAndGet());
            assertEquals(5, v.getAndAdd(10));
            assertEquals(20, v.addAndGet(5));
            assertTrue(v.compareAndSet(20, 7));
            assertFalse(v.compareAndSet(20, 8));
            assertEquals(7, v.getAndUpdate(x -> x * 3));
            assertEquals(22, v.updateAndGet(x -> x + 1));
            assertEquals(22, v.getAndSet(-1));
            assertEquals(9, v.accumulateAndGet(10, Long::sum));
            v.set(Long.MAX_VALUE);
            assertEquals(Long.MIN_VALUE, v.incrementAndGet(), "wraps like AtomicLong");
            assertTrue(v.toString().startsWith("SharedLong[") && v.toString().contains("value=" + Long.MIN_VALUE), v.toString());
        }
    }

    @Test
    void sharedDoubleComparesBits() {
        try (SharedDouble d = SharedDouble.create(1.5)) {
            assertEquals(1.5, d.get());
            assertEquals(4.0, d.addAndGet(2.5));
            assertTrue(d.compareAndSet(4.0, Double.NaN));
            assertTrue(d.compareAndSet(Double.NaN, 0.0), "a NaN of the same bits compares equal");
            assertFalse(d.compareAndSet(-0.0, 1.0), "0.0 and -0.0 differ in bits");
            d.set(2.0);
            assertEquals(6.0, d.updateAndGet(x -> x * 3));
            assertEquals(6.0, d.getAndSet(1.0));
        }
    }

    @Test
    void useAfterCloseNamesTheObject() {
        SharedLong v = SharedLong.create(0);
        v.close();
        v.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, v::incrementAndGet);
        assertTrue(e.getMessage().contains("SharedLong") && e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void arraysCheckIndexesAndCopyRanges() {
        try (SharedLongArray longs = SharedLongArray.create(5); SharedIntArray ints = SharedIntArray.create(3);
             SharedDoubleArray doubles = SharedDoubleArray.create(4)) {
            assertEquals(5, longs.length());
            longs.copyFrom(new long[] {9, 1, 2, 3, 9}, 1, 1, 3);
            assertArrayEquals(new long[] {0, 1, 2, 3, 0}, longs.toArray());
            long[] into = new long[4];
            longs.copyTo(2, into, 1, 3);
            assertArrayEquals(new long[] {0, 2, 3, 0}, into);
            assertEquals(12, longs.addAndGet(4, 12));
            assertTrue(longs.compareAndSet(4, 12, 13));
            assertEquals(13, longs.getAndAdd(4, 1));
            assertEquals(15, longs.incrementAndGet(4));

            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> longs.get(5));
            assertTrue(e.getMessage().contains("index 5") && e.getMessage().contains("length 5")
                    && e.getMessage().contains("SharedLongArray"), e.getMessage());
            e = assertThrows(IndexOutOfBoundsException.class, () -> ints.set(-1, 0));
            assertTrue(e.getMessage().contains("index -1") && e.getMessage().contains("length 3"), e.getMessage());
            e = assertThrows(IndexOutOfBoundsException.class, () -> longs.copyTo(3, new long[10], 0, 3));
            assertTrue(e.getMessage().contains("length 5"), e.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> longs.copyFrom(new long[2], 0, 0, 3));

            ints.set(2, Integer.MAX_VALUE);
            assertEquals(Integer.MIN_VALUE, ints.incrementAndGet(2));
            ints.copyFrom(new int[] {4, 5}, 0, 0, 2);
            assertArrayEquals(new int[] {4, 5, Integer.MIN_VALUE}, ints.toArray());

            doubles.set(1, 0.25);
            assertEquals(1.25, doubles.addAndGet(1, 1.0));
            assertTrue(doubles.compareAndSet(1, 1.25, 2.5));
            doubles.copyFrom(new double[] {7.5}, 0, 3, 1);
            assertArrayEquals(new double[] {0, 2.5, 0, 7.5}, doubles.toArray());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SharedLongArray.create(-1));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
    }

    /** Exact counts after concurrent increments from four processes, of every kind of value. */
    @Test
    void fourProcessesIncrementExactly() throws Exception {
        try (SharedLong counter = SharedLong.create(0); SharedDouble sum = SharedDouble.create(0);
             SharedLongArray longs = SharedLongArray.create(2); SharedIntArray ints = SharedIntArray.create(2);
             SharedDoubleArray doubles = SharedDoubleArray.create(1); SharedLong ready = SharedLong.create(0);
             SharedEvent go = SharedEvent.create()) {
            for (int p = 0; p < PROCESSES; p++) {
                int slot = p % 2;
                start("incrementer-" + p, () -> {
                    ready.incrementAndGet();
                    go.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                    for (int i = 0; i < INCREMENTS; i++) {
                        counter.incrementAndGet();
                        sum.addAndGet(1.0);
                        longs.addAndGet(slot, 2);
                        ints.incrementAndGet(slot);
                        doubles.addAndGet(0, 0.5);
                        counter.updateAndGet(x -> x + 1);
                    }
                });
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (ready.get() < PROCESSES) {
                assertTrue(System.nanoTime() < deadline, "waited " + WAIT + " for the incrementers to start: " + ready.get());
                Thread.sleep(5);
            }
            go.set();
            assertAllExitOk(children);
            long total = (long) PROCESSES * INCREMENTS;
            assertEquals(2 * total, counter.get(), "lost or repeated increments of the SharedLong");
            assertEquals(total, sum.get(), "lost or repeated additions to the SharedDouble");
            assertArrayEquals(new long[] {total, total}, longs.toArray());
            assertArrayEquals(new int[] {(int) total / 2, (int) total / 2}, ints.toArray());
            assertEquals(total / 2.0, doubles.get(0));
        }
    }
}
