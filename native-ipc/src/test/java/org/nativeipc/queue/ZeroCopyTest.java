package org.nativeipc.queue;

import static org.junit.jupiter.api.Assertions.*;
import static org.nativeipc.testing.ChildAssertions.*;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nativeipc.process.ChildProcess;

/**
 * The zero-copy path of both rings ({@code tryClaim}, {@code commit}, {@code abort},
 * {@code controlledRead}) across processes: many claimed messages in order, aborted claims never
 * delivered, a producer killed between claim and commit, and the handler's actions.
 */
class ZeroCopyTest extends WithChildren {
    private static final int MESSAGES = 100_000;
    /** Every this many messages, the producer first claims one and aborts it. */
    private static final int ABORT_EVERY = 10;
    private static final int BATCH = 64;
    private static final long STALL_NANOS = CHILD_TIMEOUT.toNanos();
    private static final int ALLOCATION_MESSAGES = 200_000;

    /** The rings under test: an SPSC ring (small, so records wrap often), an MPMC ring of one slot per message, one that spreads messages over slots. */
    enum Rings {
        SPSC(4096 / 16), MPMC(16), MPMC_SPREAD(1024);

        /** Messages that take every byte or slot of the ring once (at least). */
        final int lap;

        Rings(int lap) {
            this.lap = lap;
        }

        MessageRing create() {
            return switch (this) {
                case SPSC -> SpscRing.create(4096);
                case MPMC -> MpmcRing.create(16, 64);
                case MPMC_SPREAD -> MpmcRing.create(1024, 64 << 10); // 1 KiB slots: claims of at most one slot's payload
            };
        }
    }

    @ParameterizedTest
    @EnumSource(Rings.class)
    void claimedMessagesArriveWholeAndInOrderAcrossProcesses(Rings kind) throws Exception {
        try (MessageRing ring = kind.create()) {
            ChildProcess producer = start(new ChildProcess(() -> {
                for (long seq = 0; seq < MESSAGES; seq++) {
                    if (seq % ABORT_EVERY == 0) {
                        int decoy = awaitClaim(ring, lengthOf(seq));
                        write(ring.buffer(), decoy, -seq - 1, lengthOf(seq));
                        ring.abort(decoy);
                    }
                    int index = awaitClaim(ring, lengthOf(seq));
                    write(ring.buffer(), index, seq, lengthOf(seq));
                    ring.commit(index);
                }
            }));
            Checker checker = new Checker();
            long lastProgress = System.nanoTime();
            while (checker.expected < MESSAGES) {
                if (ring.controlledRead(checker, BATCH) > 0) {
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > STALL_NANOS) {
                    fail("no message for " + CHILD_TIMEOUT + " after " + checker.expected + " of " + MESSAGES + ": " + ring);
                } else {
                    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
                }
            }
            checker.assertNoErrors();
            assertExitsOk(producer);
            assertNull(ring.poll(), "no aborted claim is delivered");
        }
    }

    @ParameterizedTest
    @EnumSource(Rings.class)
    void aProducerKilledBetweenClaimAndCommitLeavesNothingVisibleAndTheRingGoesOn(Rings kind) throws Exception {
        try (MessageRing ring = kind.create()) {
            String marker = file("claimed");
            ChildProcess producer = start(new ChildProcess(() -> {
                claimAndCommit(ring, 0);
                int index = awaitClaim(ring, lengthOf(1));
                ring.buffer().putLong(index, 1); // half written when killed
                Files.writeString(Path.of(marker), "claimed at " + index);
                Thread.sleep(TimeUnit.MINUTES.toMillis(5));
            }));
            awaitTrue(() -> Files.exists(Path.of(marker)), "the child to commit one message and claim another");
            producer.kill();
            assertEquals(-9, joinWithin(producer, CHILD_TIMEOUT));

            Checker checker = new Checker();
            assertEquals(1, ring.controlledRead(checker, BATCH), "the committed message arrives: " + ring);
            assertEquals(0, ring.controlledRead(checker, BATCH), "nothing of the claimed one is visible: " + ring);
            // This process becomes the producer (taking over the dead one's side of an SPSC ring);
            // a blocking read resolves the dead claim of an MPMC ring; then every byte or slot, twice.
            claimAndCommit(ring, 1);
            assertEquals(1, ring.poll((buffer, offset, length) -> checker.onMessage(buffer, offset, length), 1, 30, TimeUnit.SECONDS),
                    "the message after the dead producer's claim arrives: " + ring);
            for (long seq = 2; seq < 2 * kind.lap + 2; seq++) {
                claimAndCommit(ring, seq);
                assertEquals(1, ring.controlledRead(checker, BATCH), "message " + seq + " goes through: " + ring);
            }
            checker.assertNoErrors();
            assertEquals(kind == Rings.SPSC ? 0 : 1, ((AbstractRing) ring).lostMessages(),
                    "only the dead producer's claim is lost (an SPSC ring never published it)");
        }
    }

    @ParameterizedTest
    @EnumSource(Rings.class)
    void controlledReadStopsAfterBreakAndBeforeAbort(Rings kind) throws Exception {
        try (MessageRing ring = kind.create()) {
            assertExitsOk(start(new ChildProcess(() -> {
                for (long seq = 0; seq < 10; seq++) {
                    claimAndCommit(ring, seq);
                }
            })));
            Checker checker = new Checker();
            checker.breakAt = 2;
            assertEquals(3, ring.controlledRead(checker, BATCH), "BREAK stops after the message it answers");
            checker.abortAt = 5;
            if (kind == Rings.SPSC) {
                assertEquals(2, ring.controlledRead(checker, BATCH), "ABORT stops before the message it answers");
                assertEquals(1, ring.controlledRead(checker, 1), "an aborted message comes again, first (it was not consumed)");
            } else {
                IllegalStateException refused = assertThrows(IllegalStateException.class, () -> ring.controlledRead(checker, BATCH));
                assertTrue(refused.getMessage().contains("ABORT") && refused.getMessage().contains("SpscRing"), refused.getMessage());
                checker.expected = 6; // a multi-consumer ring took message 5 before its handler saw it: it is consumed
            }
            assertEquals(10 - checker.expected, ring.controlledRead(checker, BATCH), "the read goes on after the aborted message");
            checker.assertNoErrors();
            assertEquals(10, checker.expected);
        }
    }

    /**
     * A multi-producer ring closed while claims are open leaves no reader waiting at them, though
     * the claimant's process lives on: close aborts the closing thread's claim, and a claim another
     * thread made before the close is committed after it.
     */
    @ParameterizedTest
    @EnumSource(value = Rings.class, names = {"MPMC", "MPMC_SPREAD"})
    void closingWithClaimsOpenLeavesNoReaderWaitingAtThem(Rings kind) throws Exception {
        try (MessageRing ring = kind.create()) {
            String marker = file("closed");
            ChildProcess producer = start(new ChildProcess(() -> {
                claimAndCommit(ring, 0);
                CountDownLatch claimed = new CountDownLatch(1);
                CountDownLatch closed = new CountDownLatch(1);
                Thread late = new Thread(() -> {
                    int index = awaitClaim(ring, lengthOf(1)); // before the close ...
                    claimed.countDown();
                    try {
                        closed.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    write(ring.buffer(), index, 1, lengthOf(1));
                    ring.commit(index); // ... committed after it
                }, "claims-before-close");
                late.start();
                claimed.await();
                int mine = awaitClaim(ring, lengthOf(1));
                write(ring.buffer(), mine, -1, lengthOf(1)); // never delivered: close aborts it
                ring.close();
                closed.countDown();
                late.join();
                Files.writeString(Path.of(marker), "closed with two claims open");
                Thread.sleep(TimeUnit.MINUTES.toMillis(5)); // alive: nothing of it is recovered as a dead process's
            }));
            awaitTrue(() -> Files.exists(Path.of(marker)), "the child to close the ring with two claims open");
            Checker checker = new Checker();
            claimAndCommit(ring, 2);
            for (long seq = 0; seq < 3; seq++) {
                assertEquals(1, ring.poll((buffer, offset, length) -> checker.onMessage(buffer, offset, length), 1, 30, TimeUnit.SECONDS),
                        "message " + seq + " arrives (a reader waits at no claim of the closed ring): " + ring);
            }
            checker.assertNoErrors();
            assertNull(ring.poll(), "the aborted claim is not delivered");
            assertEquals(0, ((AbstractRing) ring).lostMessages(), "nothing is lost");
            producer.kill();
            joinWithin(producer, CHILD_TIMEOUT);
        }
    }

    @ParameterizedTest
    @EnumSource(Rings.class)
    void misusedClaimsAreRefusedAndAbortedOnesLeaveNothing(Rings kind) throws Exception {
        try (MessageRing ring = kind.create()) {
            int max = ring.maxClaimBytes();
            IllegalArgumentException tooLarge = assertThrows(IllegalArgumentException.class, () -> ring.tryClaim(max + 1));
            assertTrue(tooLarge.getMessage().contains(" " + max + " bytes"), "names the limit: " + tooLarge.getMessage());
            assertThrows(IllegalArgumentException.class, () -> ring.tryClaim(-1));

            int index = ring.tryClaim(Long.BYTES);
            assertTrue(index >= 0, "a claim in an empty ring: " + index);
            assertThrows(IllegalStateException.class, () -> ring.tryClaim(Long.BYTES), "one open claim per thread and ring");
            if (kind == Rings.SPSC) {
                assertThrows(IllegalStateException.class, () -> ring.offer(new byte[1], 0, 1), "the producer writes in order");
            }
            AtomicReference<Throwable> fromOtherThread = new AtomicReference<>();
            Thread other = new Thread(() -> {
                try {
                    ring.commit(index);
                } catch (Throwable e) {
                    fromOtherThread.set(e);
                }
            }, "not-the-claimant");
            other.start();
            other.join(CHILD_TIMEOUT.toMillis());
            assertInstanceOf(IllegalStateException.class, fromOtherThread.get(), "a claim is committed by the thread that made it");
            assertTrue(fromOtherThread.get().getMessage().contains("not-the-claimant"), fromOtherThread.get().getMessage());
            assertThrows(IllegalStateException.class, () -> ring.commit(index + Long.BYTES), "an index that was not claimed");

            ring.buffer().putLong(index, 42);
            ring.commit(index);
            assertThrows(IllegalStateException.class, () -> ring.commit(index), "a claim is committed once");
            assertEquals(42, ByteBuffer.wrap(ring.poll()).order(ByteOrder.nativeOrder()).getLong());

            for (int i = 0; i < 2 * kind.lap; i++) {
                int aborted = ring.tryClaim(Long.BYTES);
                assertTrue(aborted >= 0, "aborted claims give their room back, claim " + i + ": " + ring);
                ring.abort(aborted);
                assertNull(ring.poll(), "an aborted claim is never delivered");
            }
            assertTrue(ring.offer(new byte[] {7}, 0, 1));
            assertArrayEquals(new byte[] {7}, ring.poll());
        }
    }

    /** Claims, writes, commits and reads in place many times in one thread, and counts the bytes the thread allocated. */
    @ParameterizedTest
    @EnumSource(Rings.class)
    void neitherSideAllocatesPerMessage(Rings kind) {
        try (MessageRing ring = kind.create()) {
            Checker checker = new Checker();
            roundTrips(ring, checker, 0, ALLOCATION_MESSAGES); // warm up: registration, thread hands, compilation
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = threads.getCurrentThreadAllocatedBytes();
            long read = roundTrips(ring, checker, ALLOCATION_MESSAGES, 2 * ALLOCATION_MESSAGES);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertEquals(ALLOCATION_MESSAGES, read, "every message went through: " + ring);
            checker.assertNoErrors();
            assertTrue(allocated < ALLOCATION_MESSAGES, allocated + " bytes allocated for " + ALLOCATION_MESSAGES
                    + " messages written and read in place (less than one byte per message expected)");
        }
    }

    /** Messages {@code from} to {@code to}, each claimed, committed and read at once; returns how many were read. */
    private static long roundTrips(MessageRing ring, Checker checker, long from, long to) {
        long read = 0;
        for (long seq = from; seq < to; seq++) {
            int index = ring.tryClaim(lengthOf(seq));
            write(ring.buffer(), index, seq, lengthOf(seq));
            ring.commit(index);
            read += ring.controlledRead(checker, BATCH);
        }
        return read;
    }

    // ---- helpers (the children run them too) ------------------------------------------------------

    static int lengthOf(long seq) {
        return Long.BYTES + (int) (seq % 33);
    }

    /** Claims room for {@code length} bytes, waiting (politely) while the ring is full. */
    static int awaitClaim(MessageRing ring, int length) {
        long start = System.nanoTime();
        for (int index; ; ) {
            index = ring.tryClaim(length);
            if (index != MessageRing.INSUFFICIENT_CAPACITY) {
                return index;
            }
            if (System.nanoTime() - start > STALL_NANOS) {
                throw new AssertionError("no room for a claim for " + CHILD_TIMEOUT + ": " + ring);
            }
            Thread.yield();
        }
    }

    static void claimAndCommit(MessageRing ring, long seq) {
        int index = awaitClaim(ring, lengthOf(seq));
        write(ring.buffer(), index, seq, lengthOf(seq));
        ring.commit(index);
    }

    /** Message {@code seq}: the number, then its low byte repeated to {@code length}. */
    static void write(ByteBuffer buffer, int index, long seq, int length) {
        buffer.putLong(index, seq);
        for (int i = Long.BYTES; i < length; i++) {
            buffer.put(index + i, (byte) seq);
        }
    }

    /** Checks that messages arrive whole and in order; answers BREAK or ABORT at the messages it is told to. */
    static final class Checker implements ControlledMessageHandler {
        long expected;
        long breakAt = -1;
        long abortAt = -1;
        private long errors;
        private String firstError;

        @Override
        public Action onMessage(ByteBuffer buffer, int offset, int length) {
            long seq = length >= Long.BYTES ? buffer.getLong(offset) : -1;
            if (seq == abortAt) {
                abortAt = -1;
                return Action.ABORT;
            }
            boolean whole = seq == expected && length == lengthOf(seq);
            for (int i = Long.BYTES; whole && i < length; i++) {
                whole = buffer.get(offset + i) == (byte) seq;
            }
            if (!whole && errors++ == 0) {
                firstError = "message " + expected + ": got " + length + " bytes starting with " + seq;
            }
            expected++;
            return seq == breakAt ? Action.BREAK : Action.CONTINUE;
        }

        void assertNoErrors() {
            assertEquals(0, errors, () -> errors + " messages out of order or damaged; the first: " + firstError);
        }
    }
}
