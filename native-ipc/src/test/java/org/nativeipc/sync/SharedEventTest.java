package org.nativeipc.sync;

import static org.junit.jupiter.api.Assertions.*;
import static org.nativeipc.testing.ChildAssertions.assertAllExitOk;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** {@link SharedEvent}: one process sets, waiters in three others wake. */
class SharedEventTest extends SyncTestSupport {

    @Test
    void setInOneProcessWakesWaitersInThreeOthers() throws Exception {
        try (SharedEvent event = SharedEvent.create(); SharedEvent setNow = SharedEvent.create();
             TestCounters counters = TestCounters.create(1)) {
            for (int i = 0; i < 3; i++) {
                start("waiter-" + i, () -> {
                    if (!event.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                        System.exit(3);
                    }
                    counters.add(0, 1);
                });
            }
            start("setter", () -> {
                setNow.await();
                event.set();
            });
            TestCounters.awaitTrue(() -> event.getWaiterCount() == 3, WAIT, "three children asleep on the event");
            assertEquals(0, counters.get(0), "nobody wakes before the set");
            assertTrue(event.toString().contains("not set"), event.toString());
            setNow.set();
            assertAllExitOk(children);
            assertEquals(3, counters.get(0));
            assertTrue(event.isSet());
        }
    }

    @Test
    void aSetThenClearPulseReleasesWaiters() throws Exception {
        try (SharedEvent event = SharedEvent.create()) {
            AtomicReference<Boolean> result = new AtomicReference<>();
            Thread waiter = new Thread(() -> {
                try {
                    result.set(event.await(WAIT.toSeconds(), TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    result.set(false);
                }
            });
            waiter.start();
            TestCounters.awaitTrue(() -> event.getWaiterCount() == 1, WAIT, "the thread to sleep");
            event.set();
            event.clear();
            waiter.join(WAIT.toMillis());
            assertEquals(Boolean.TRUE, result.get());
            assertFalse(event.isSet());
        }
    }

    @Test
    void timeoutsInterruptsAndMisuse() throws Exception {
        try (SharedEvent event = SharedEvent.create()) {
            assertFalse(event.await(30, TimeUnit.MILLISECONDS));
            assertFalse(event.await(-1, TimeUnit.MILLISECONDS), "a negative timeout does not wait");
            event.set();
            event.set();
            assertTrue(event.await(0, TimeUnit.SECONDS));
            event.await();
            event.clear();

            assertInterruptEnds(event::await, () -> event.getWaiterCount() == 1, "await()");
        }
        SharedEvent closed = SharedEvent.create();
        closed.close();
        assertThrows(IllegalStateException.class, closed::set);
    }
}
