package org.nativeipc.queue;

import static org.junit.jupiter.api.Assertions.*;
import static org.nativeipc.queue.MpmcRingLayout.*;
import static org.nativeipc.testing.ChildAssertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.nativeipc.process.ChildProcess;

/**
 * The exact window the issue names: a process killed between claiming an MPMC slot and
 * publishing (or freeing) it. A child claims a slot the way the ring does, then is killed; the
 * survivors must resolve the claim, lose only that message and deliver everything else.
 */
class DeadClaimTest extends WithChildren {
    private static final int CAPACITY = 4;

    @Test
    void aProducerKilledAfterClaimingASlotDoesNotWedgeConsumers() throws Exception {
        try (SharedQueue<Integer> q = SharedQueue.builder().capacity(CAPACITY).maxMessageBytes(16).build()) {
            q.put(1);
            killAfterClaim(q, false);
            q.put(3);
            assertEquals(1, q.poll(30, TimeUnit.SECONDS));
            assertEquals(3, q.poll(30, TimeUnit.SECONDS), "the message after the dead producer's slot arrives");
            assertEquals(1, q.ring.lostMessages(), "the dead producer's own message is the one lost");
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
            killAfterClaim(q, true);
            assertTrue(q.offer(100, 30, TimeUnit.SECONDS), "a producer reuses the dead consumer's slot");
            for (int i = 1; i < CAPACITY; i++) {
                assertEquals(i, q.take(), "messages after the dead consumer's arrive in order");
            }
            assertEquals(100, q.take());
            assertEquals(1, q.ring.lostMessages(), "the dead consumer's own message is the one lost");
        }
    }

    /** Starts a child that claims the tail (or head) slot exactly as the ring does, then kills it. */
    private void killAfterClaim(SharedQueue<Integer> q, boolean consumer) throws Exception {
        String marker = file(consumer ? "consumer-claimed" : "producer-claimed");
        ChildProcess child = new ChildProcess(() -> {
            MpmcRing ring = (MpmcRing) q.ring;
            if (consumer) {
                ring.ensureConsumer();
            } else {
                ring.ensureProducer();
            }
            long claim = CLAIMED | (consumer ? CONSUMER_CLAIM : 0) | (long) ring.participantId() << CLAIM_POSITION_BITS;
            int area = ring.area;
            int indexOffset = area + (consumer ? HEAD_OFFSET : TAIL_OFFSET);
            long position = ring.region.getLongVolatile(indexOffset);
            int slot = area + SLOTS_OFFSET + (int) (position % CAPACITY) * MpmcRingLayout.slotBytes(ring.maxMessageBytes);
            long expected = consumer ? position + 1 : position;
            if (!ring.region.compareAndSetLong(slot, expected, claim | position)) {
                throw new AssertionError("slot " + slot + " was not " + expected);
            }
            ring.region.compareAndSetLong(indexOffset, position, position + 1);
            Files.writeString(Path.of(marker), "claimed " + position);
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        });
        start(child);
        awaitTrue(() -> Files.exists(Path.of(marker)), "the child to claim a slot");
        child.kill();
        assertEquals(-9, joinWithin(child, CHILD_TIMEOUT));
    }
}
