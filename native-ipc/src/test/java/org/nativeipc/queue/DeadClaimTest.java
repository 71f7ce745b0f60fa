package org.nativeipc.queue;

import static org.junit.jupiter.api.Assertions.*;
import static org.nativeipc.testing.ChildAssertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nativeipc.codec.Codecs;
import org.nativeipc.process.ChildProcess;

/**
 * The exact window the issue names: a process killed between claiming an MPMC position and
 * publishing (or freeing) it. A child claims a slot the way the ring does, then is killed; the
 * survivors must resolve the claim, lose only that message and deliver everything else.
 */
class DeadClaimTest extends WithChildren {
    private static final int CAPACITY = 4;
    /** Slots of the rings for large messages; with messages of up to 64 KiB, each slot is 16 KiB. */
    private static final int LARGE_CAPACITY = 64;
    private static final int LARGE_MAX = 64 << 10;
    /** A message of three slots. */
    private static final int LARGE = 40_000;
    private static final int LARGE_SLOTS = 3;
    /**
     * How long a reader is shown a live claimant's positions: many maintenance rounds and
     * liveness re-checks of the waiter (see RingWaiter, Liveness).
     */
    private static final long LIVE_CLAIMANT_WAIT_MILLIS = 30 * RingWaiter.MAINTENANCE_INTERVAL_NANOS / 1_000_000;

    /** One claim: the thread's own record; two: the second one nested, in a floating record. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aProducerKilledAfterClaimingDoesNotWedgeConsumers(int claims) throws Exception {
        try (SharedQueue<Integer> q = SharedQueue.builder().capacity(CAPACITY).maxMessageBytes(16).build()) {
            q.put(1);
            killAfterClaims(q, false, claims);
            q.put(3);
            assertEquals(1, q.poll(30, TimeUnit.SECONDS));
            assertEquals(3, q.poll(30, TimeUnit.SECONDS), "the message after the dead producer's slots arrives");
            assertEquals(claims, q.ring.lostMessages(), "the dead producer's own messages are the ones lost");
            for (int i = 0; i < 3 * CAPACITY; i++) {
                q.put(i);
                assertEquals(i, q.take(), "the ring keeps working on every slot, laps later");
            }
        }
    }

    @Test
    void aConsumerKilledAfterClaimingASlotDoesNotWedgeProducers() throws Exception {
        try (SharedQueue<Integer> q = SharedQueue.builder().capacity(CAPACITY).maxMessageBytes(16).build()) {
            for (int i = 0; i < CAPACITY; i++) {
                q.put(i);
            }
            killAfterClaims(q, true, 1);
            assertTrue(q.offer(100, 30, TimeUnit.SECONDS), "a producer reuses the dead consumer's slot");
            for (int i = 1; i < CAPACITY; i++) {
                assertEquals(i, q.take(), "messages after the dead consumer's arrive in order");
            }
            assertEquals(100, q.take());
            assertEquals(1, q.ring.lostMessages(), "the dead consumer's own message is the one lost");
        }
    }

    /** A message of several slots: its writer killed after publishing all but the first, or before publishing any. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aProducerKilledInsideALargeMessageLeavesNothingPartialVisible(boolean continuationsPublished) throws Exception {
        try (SharedQueue<byte[]> q = largeQueue()) {
            q.put(new byte[] {1});
            String marker = file("large-claimed");
            ChildProcess claimant = start(new ChildProcess(() -> {
                MpmcRing ring = (MpmcRing) q.ring;
                ring.ensureProducer();
                long position = continuationsPublished ? AbandonedClaims.abandonPartialWrite(ring, LARGE_SLOTS)
                        : AbandonedClaims.claimAndAbandonWrite(ring, LARGE_SLOTS);
                Files.writeString(Path.of(marker), "claimed " + position);
                Thread.sleep(TimeUnit.MINUTES.toMillis(5));
            }));
            awaitTrue(() -> Files.exists(Path.of(marker)), "the child to claim the slots of a large message");
            kill(claimant);
            assertArrayEquals(new byte[] {1}, q.poll(30, TimeUnit.SECONDS));
            roundTripTwoLaps(q);
            assertEquals(1, q.ring.lostMessages(), "the dead producer's message counts once as lost");
        }
    }

    @Test
    void aConsumerKilledReadingALargeMessageLosesOnlyThatOne() throws Exception {
        try (SharedQueue<byte[]> q = largeQueue()) {
            q.put(MessageSizesTest.pattern(LARGE, 3));
            killAfterClaimsOf(q);
            roundTripTwoLaps(q);
            assertEquals(1, q.ring.lostMessages(), "the dead consumer's own message is the one lost");
        }
    }

    private static SharedQueue<byte[]> largeQueue() {
        return SharedQueue.builder().capacity(LARGE_CAPACITY).maxMessageBytes(LARGE_MAX).codec(Codecs.bytes()).build();
    }

    /** Large messages through every slot twice, one at a time: a slot still held by the dead process would block a put. */
    private static void roundTripTwoLaps(SharedQueue<byte[]> q) throws InterruptedException {
        for (int i = 0; i < 2 * LARGE_CAPACITY / LARGE_SLOTS + 1; i++) {
            byte[] large = MessageSizesTest.pattern(LARGE, i);
            assertTrue(q.offer(large, 30, TimeUnit.SECONDS), "a producer reuses the dead process's slots, message " + i + ": " + q);
            assertArrayEquals(large, q.poll(30, TimeUnit.SECONDS), "message " + i + " arrives whole, nothing of the dead one's");
        }
        assertNull(q.poll(), "nothing partial of the dead process's message is delivered");
    }

    private void killAfterClaimsOf(SharedQueue<byte[]> q) throws Exception {
        String marker = file("large-read-claimed");
        ChildProcess claimant = start(new ChildProcess(() -> {
            MpmcRing ring = (MpmcRing) q.ring;
            ring.ensureConsumer();
            Files.writeString(Path.of(marker), "claimed " + AbandonedClaims.claimAndAbandon(ring, true));
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        }));
        awaitTrue(() -> Files.exists(Path.of(marker)), "the child to claim a large message for reading");
        kill(claimant);
    }

    @Test
    void claimsOfALiveProcessAreLeftAloneUntilItDies() throws Exception {
        try (SharedQueue<Integer> q = SharedQueue.builder().capacity(CAPACITY).maxMessageBytes(16).build()) {
            ChildProcess claimant = startClaimant(q, false, 2);
            q.put(3);
            assertNull(q.poll(LIVE_CLAIMANT_WAIT_MILLIS, TimeUnit.MILLISECONDS),
                    "a reader waits behind the positions a live (if slow) writer claimed: " + q);
            assertEquals(0, q.ring.lostMessages(), "nothing is dropped while the claimant lives");
            kill(claimant);
            assertEquals(3, q.poll(30, TimeUnit.SECONDS), "once the claimant died, its two positions are skipped");
            assertEquals(2, q.ring.lostMessages());
        }
    }

    private void killAfterClaims(SharedQueue<Integer> q, boolean consumer, int claims) throws Exception {
        kill(startClaimant(q, consumer, claims));
    }

    private static void kill(ChildProcess child) {
        child.kill();
        assertEquals(-9, joinWithin(child, CHILD_TIMEOUT));
    }

    /**
     * Starts a child that claims {@code claims} tail (or head) positions exactly as the ring does
     * (the first in the thread's own claim record, further ones in floating records, as for a
     * nested claim), and then sleeps; returns once it has claimed them.
     */
    private ChildProcess startClaimant(SharedQueue<Integer> q, boolean consumer, int claims) {
        String marker = file(consumer ? "consumer-claimed" : "producer-claimed");
        ChildProcess child = new ChildProcess(() -> {
            MpmcRing ring = (MpmcRing) q.ring;
            if (consumer) {
                ring.ensureConsumer();
            } else {
                ring.ensureProducer();
            }
            StringBuilder claimed = new StringBuilder("claimed");
            for (int i = 0; i < claims; i++) {
                long position = AbandonedClaims.claimAndAbandon(ring, consumer);
                if (position == MpmcRingLayout.NO_POSITION) {
                    throw new AssertionError("nothing to claim");
                }
                claimed.append(' ').append(position);
            }
            Files.writeString(Path.of(marker), claimed);
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        });
        start(child);
        awaitTrue(() -> Files.exists(Path.of(marker)), "the child to claim a slot");
        return child;
    }
}
