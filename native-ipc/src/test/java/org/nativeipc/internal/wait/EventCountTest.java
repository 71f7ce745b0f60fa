package org.nativeipc.internal.wait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nativeipc.testing.ChildAssertions.assertExitsOk;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.nativeipc.internal.memory.RegionKind;
import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.process.ChildProcess;
import org.nativeipc.testing.Polling;

class EventCountTest {
    private static final int VERSION = 1;
    private static final int FLAG = 0;
    private static final int EVENT = 8;
    private static final int ARRIVED = 16;

    @Test
    void sleepersInOtherProcessesAreWokenBySignalAll() {
        try (SharedRegion region = SharedRegion.create(RegionKind.TEST, VERSION, 64, r -> { })) {
            String path = region.path().toString();
            List<ChildProcess> waiters = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                waiters.add(new ChildProcess(() -> {
                    SharedRegion shared = SharedRegion.attach(Path.of(path), RegionKind.TEST, VERSION);
                    EventCount event = new EventCount(shared, EVENT);
                    shared.getAndAddInt(ARRIVED, 1);
                    boolean set = event.await(() -> shared.getIntVolatile(FLAG) == 1, TimeUnit.SECONDS.toNanos(60));
                    System.exit(set ? 0 : 3);
                }).start());
            }
            EventCount event = new EventCount(region, EVENT);
            Polling.awaitTrue("three waiters to arrive and fall asleep", Duration.ofSeconds(60),
                    () -> region.getIntVolatile(ARRIVED) == 3 && event.sleepers() == 3);
            region.setIntVolatile(FLAG, 1);
            event.signalAll();
            waiters.forEach(org.nativeipc.testing.ChildAssertions::assertExitsOk);
            assertEquals(0, event.sleepers());
        }
    }

    @Test
    void spinPhaseShrinksWhenWaitsSleepAndRegrowsWhenTheyNoLongerDo() throws Exception {
        try (SharedRegion region = SharedRegion.create(RegionKind.TEST, VERSION, 64, r -> { })) {
            EventCount event = new EventCount(region, EVENT);
            while (event.spinTries() > EventCount.MIN_SPIN_TRIES) {
                int before = event.spinTries();
                // Satisfied only once the waiter goes to sleep (it shortens the spin phase just before;
                // a deadline could pass before it sleeps on a loaded machine).
                java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
                Thread waker = new Thread(() -> {
                    while (event.spinTries() == before) {
                        Thread.onSpinWait();
                    }
                    done.set(true);
                    event.signalAll();
                });
                waker.start();
                assertTrue(event.await(done::get, TimeUnit.SECONDS.toNanos(10)));
                waker.join();
                assertTrue(event.spinTries() < before, "a wait that slept must shorten the spin phase (" + before + ")");
            }
            // Satisfied after the spin phase but before sleeping: the wait did not sleep.
            int[] calls = {0};
            int satisfiedAt = EventCount.MIN_SPIN_TRIES + EventCount.REGISTERED_SPIN_TRIES / 2;
            assertTrue(event.await(() -> ++calls[0] >= satisfiedAt, TimeUnit.SECONDS.toNanos(10)));
            assertEquals(satisfiedAt, calls[0]);
            assertEquals(2 * EventCount.MIN_SPIN_TRIES, event.spinTries(),
                    "a wait satisfied in the checks before sleeping must lengthen the spin phase again");
            assertEquals(0, event.sleepers());
        }
    }

    @Test
    void awaitTimesOutWhenNothingHappens() throws Exception {
        try (SharedRegion region = SharedRegion.create(RegionKind.TEST, VERSION, 64, r -> { })) {
            EventCount event = new EventCount(region, EVENT);
            assertFalse(event.await(() -> false, TimeUnit.MILLISECONDS.toNanos(50)));
            assertFalse(event.await(() -> false, 0));
            assertTrue(event.await(() -> true, 0));
            assertEquals(0, event.sleepers());
        }
    }

    @Test
    void anInterruptEndsAnInterruptibleWait() throws Exception {
        try (SharedRegion region = SharedRegion.create(RegionKind.TEST, VERSION, 64, r -> { })) {
            EventCount event = new EventCount(region, EVENT);
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread waiter = new Thread(() -> {
                try {
                    event.await(() -> false, Long.MAX_VALUE);
                    outcome.complete(null);
                } catch (Throwable t) {
                    outcome.complete(t);
                }
            });
            waiter.start();
            Polling.awaitTrue("the waiter to sleep", Duration.ofSeconds(30), () -> event.sleepers() == 1);
            waiter.interrupt();
            assertTrue(outcome.get(30, TimeUnit.SECONDS) instanceof InterruptedException);
            assertEquals(0, event.sleepers());
        }
    }

    @Test
    void anUninterruptibleWaitKeepsTheInterruptPending() throws Exception {
        try (SharedRegion region = SharedRegion.create(RegionKind.TEST, VERSION, 64, r -> { })) {
            EventCount event = new EventCount(region, EVENT);
            Thread.currentThread().interrupt();
            assertFalse(event.awaitUninterruptibly(() -> false, TimeUnit.MILLISECONDS.toNanos(30)));
            assertTrue(Thread.interrupted(), "the interrupt must still be pending");
        }
    }

    @Test
    void aSignalWithNoSleeperMakesNoWakeCall() {
        try (SharedRegion region = SharedRegion.create(RegionKind.TEST, VERSION, 64, r -> { })) {
            EventCount event = new EventCount(region, EVENT);
            event.signalAll();
            assertEquals(0, region.getIntVolatile(EVENT), "the sequence only moves when a sleeper is woken");
        }
    }

    @Test
    void misalignedOffsetsAreRefused() {
        try (SharedRegion region = SharedRegion.create(RegionKind.TEST, VERSION, 64, r -> { })) {
            assertThrows(IllegalArgumentException.class, () -> new EventCount(region, 2));
        }
    }

    @Test
    void pingPongBetweenTwoProcesses() {
        int rounds = 2_000;
        try (SharedRegion region = SharedRegion.create(RegionKind.TEST, VERSION, 64, r -> { })) {
            String path = region.path().toString();
            ChildProcess ponger = new ChildProcess(() -> {
                SharedRegion shared = SharedRegion.attach(Path.of(path), RegionKind.TEST, VERSION);
                EventCount event = new EventCount(shared, EVENT);
                for (int i = 1; i <= rounds; i++) {
                    int ping = 2 * i - 1;
                    if (!event.await(() -> shared.getIntVolatile(FLAG) == ping, TimeUnit.SECONDS.toNanos(60))) {
                        System.exit(3);
                    }
                    shared.setIntVolatile(FLAG, ping + 1);
                    event.signalAll();
                }
            }).start();
            EventCount event = new EventCount(region, EVENT);
            for (int i = 1; i <= rounds; i++) {
                int pong = 2 * i;
                region.setIntVolatile(FLAG, pong - 1);
                event.signalAll();
                assertTrue(event.awaitUninterruptibly(() -> region.getIntVolatile(FLAG) == pong, TimeUnit.SECONDS.toNanos(60)),
                        "round " + i + " of the ping-pong did not come back");
            }
            assertExitsOk(ponger);
        }
    }
}
