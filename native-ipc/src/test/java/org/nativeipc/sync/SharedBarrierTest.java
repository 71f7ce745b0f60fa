package org.nativeipc.sync;

import static org.junit.jupiter.api.Assertions.*;
import static org.nativeipc.testing.ChildAssertions.assertAllExitOk;
import static org.nativeipc.testing.ChildAssertions.assertExitCode;
import static org.nativeipc.testing.ChildAssertions.assertExitsOk;

import java.time.Duration;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.nativeipc.process.ChildProcess;

/** {@link SharedBarrier}: 4 processes over several rounds; broken by a death, a timeout, an interrupt. */
class SharedBarrierTest extends SyncTestSupport {
    private static final int ROUNDS = 4;
    /** Counters: arrivals of round r at r, last-arriver count of round r at LAST + r. */
    private static final int LAST = ROUNDS;
    private static final int EARLY_LEAVE = 3;

    @Test
    void fourProcessesMeetForSeveralRounds() throws Exception {
        try (SharedBarrier barrier = SharedBarrier.create(4); TestCounters counters = TestCounters.create(2 * ROUNDS)) {
            for (int i = 0; i < 3; i++) {
                start("party-" + i, () -> playRounds(barrier, counters));
            }
            playRounds(barrier, counters);
            assertAllExitOk(children);
            for (int r = 0; r < ROUNDS; r++) {
                assertEquals(4, counters.get(r), "arrivals in round " + r);
                assertEquals(1, counters.get(LAST + r), "exactly one party arrives last in round " + r);
            }
            assertFalse(barrier.isBroken());
            assertEquals(0, barrier.getNumberWaiting());
        }
    }

    /** Each round: count the arrival, meet, and check that every party arrived before anyone left. */
    private static void playRounds(SharedBarrier barrier, TestCounters counters) throws Exception {
        for (int r = 0; r < ROUNDS; r++) {
            counters.add(r, 1);
            int index = barrier.await(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (counters.get(r) != 4) {
                System.exit(EARLY_LEAVE);
            }
            if (index == 0) {
                counters.add(LAST + r, 1);
            }
        }
    }

    @Test
    void aPartyThatDiesBreaksTheBarrierForTheOthers() throws Exception {
        try (SharedBarrier barrier = SharedBarrier.create(4); TestCounters counters = TestCounters.create(1)) {
            barrier.setOwnerCheckInterval(Duration.ofMillis(50));
            for (int i = 0; i < 2; i++) {
                start("survivor-" + i, () -> {
                    barrier.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                    try {
                        barrier.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                        System.exit(3);
                    } catch (BrokenBarrierException expected) {
                        counters.add(0, 1);
                    }
                });
            }
            ChildProcess victim = start("victim", () -> {
                barrier.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                Thread.sleep(FOREVER_MILLIS);                 // never arrives at the second round
            });
            barrier.await(WAIT.toSeconds(), TimeUnit.SECONDS);  // first round: all four
            TestCounters.awaitTrue(() -> barrier.getNumberWaiting() == 2, WAIT, "the survivors at the second round");
            victim.kill();
            assertExitCode(-9, victim);
            assertThrows(BrokenBarrierException.class, () -> barrier.await(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertExitsOk(children.get(0));
            assertExitsOk(children.get(1));
            assertEquals(2, counters.get(0));
            assertTrue(barrier.isBroken());
            assertTrue(barrier.toString().contains("broken"), barrier.toString());
            barrier.reset();
            assertFalse(barrier.isBroken(), "reset makes it usable again");
        }
    }

    @Test
    void aTimeoutBreaksTheBarrierAndResetRepairsIt() throws Exception {
        try (SharedBarrier barrier = SharedBarrier.create(2)) {
            assertThrows(TimeoutException.class, () -> barrier.await(100, TimeUnit.MILLISECONDS));
            assertTrue(barrier.isBroken());
            ChildProcess late = start("late", () -> {
                try {
                    barrier.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                    System.exit(3);
                } catch (BrokenBarrierException expected) {
                    // the round was broken by the parent's timeout
                }
            });
            assertExitsOk(late);
            barrier.reset();
            ChildProcess partner = start("partner", () -> barrier.await(WAIT.toSeconds(), TimeUnit.SECONDS));
            int index = barrier.await(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(index == 0 || index == 1);
            assertExitsOk(partner);
        }
    }

    @Test
    void resetBreaksTheCurrentWaiters() throws Exception {
        try (SharedBarrier barrier = SharedBarrier.create(3)) {
            ChildProcess waiter = start("waiter", () -> {
                try {
                    barrier.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                    System.exit(3);
                } catch (BrokenBarrierException expected) {
                    // reset while waiting
                }
            });
            TestCounters.awaitTrue(() -> barrier.getNumberWaiting() == 1, WAIT, "the child to wait");
            barrier.reset();
            assertExitsOk(waiter);
            assertFalse(barrier.isBroken());
            assertEquals(0, barrier.getNumberWaiting());
        }
    }

    @Test
    void anInterruptBreaksTheBarrier() throws Exception {
        try (SharedBarrier barrier = SharedBarrier.create(2)) {
            assertInterruptEnds(barrier::await, () -> barrier.getNumberWaiting() == 1, "await()");
            assertTrue(barrier.isBroken());
            assertThrows(BrokenBarrierException.class, barrier::await, "broken until reset");
        }
    }

    @Test
    void misuseIsRefused() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> SharedBarrier.create(0));
        SharedBarrier barrier = SharedBarrier.create(1);
        assertEquals(0, barrier.await(-1, TimeUnit.SECONDS), "a negative timeout does not wait; the one party trips it");
        barrier.close();
        barrier.close();
        assertThrows(IllegalStateException.class, barrier::await);
        assertEquals(1, barrier.getParties());
    }
}
