package org.nativeipc.queue;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** A process that goes through many short-lived queues and pipes does not remember each forever. */
class RingMemoTest {
    private static final int ROUNDS = 40;

    @Test
    void forgetsRingsWhoseFilesAreGone() throws Exception {
        int participantsBefore = Participants.rememberedRings();
        int claimsBefore = ClaimRecords.rememberedRings();
        for (int i = 0; i < ROUNDS; i++) {
            try (SharedQueue<Integer> q = SharedQueue.create(4)) {
                q.put(i);
                assertEquals(i, q.take());
            }
            try (Pipe pipe = Pipe.open()) {
                pipe.left().send(i);
                assertEquals(i, pipe.right().recv());
            }
        }
        assertTrue(Participants.rememberedRings() <= participantsBefore + 3,
                "participant ids of " + Participants.rememberedRings() + " rings remembered, " + participantsBefore + " before "
                        + ROUNDS + " rounds of closed queues and pipes");
        assertTrue(ClaimRecords.rememberedRings() <= claimsBefore + 1,
                "claim records of " + ClaimRecords.rememberedRings() + " rings remembered, " + claimsBefore + " before");
    }
}
