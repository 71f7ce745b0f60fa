package org.nativeipc.queue;

import static org.junit.jupiter.api.Assertions.*;
import static org.nativeipc.testing.ChildAssertions.*;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.nativeipc.process.ChildProcess;

/**
 * Single-producer/single-consumer queues built with oneThreadPerSide(): one thread per side and
 * process (the behaviour they share with other queues is tested over every {@link QueueKinds}).
 */
class OneThreadPerSideTest extends WithChildren {
    private static final int REFUSED_IN_CHILD = 3;

    private static <E> SharedQueue<E> confinedQueue(int capacity) {
        return SharedQueue.builder().capacity(capacity).producers(1).consumers(1).oneThreadPerSide().build();
    }

    @Test
    void refusesASecondLiveThreadAndLosesNothing() throws Exception {
        try (SharedQueue<String> q = confinedQueue(8)) {
            q.put("first");
            Thread owner = Thread.currentThread();
            CompletableFuture<Void> other = CompletableFuture.runAsync(() -> q.offer("from another thread"));
            ExecutionException refused = assertThrows(ExecutionException.class, () -> other.get(10, TimeUnit.SECONDS));
            assertInstanceOf(IllegalStateException.class, refused.getCause());
            assertTrue(refused.getCause().getMessage().contains(owner.getName())
                    && refused.getCause().getMessage().contains("oneThreadPerSide()"),
                    "the message names the owner and the fix: " + refused.getCause().getMessage());
            q.put("second");
            assertEquals("first", q.take());
            assertEquals("second", q.take());
            assertNull(q.poll(), "the refused element was not written");
        }
    }

    @Test
    void aNewThreadTakesOverASideOnceItsOwnerHasEnded() throws Exception {
        try (SharedQueue<Integer> q = confinedQueue(8)) {
            Thread first = new Thread(() -> q.offer(1), "first-producer");
            first.start();
            first.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(first.isAlive(), "the first producer thread did not end within 10 s");
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread second = new Thread(() -> {
                try {
                    q.put(2);
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "second-producer");
            second.start();
            second.join(TimeUnit.SECONDS.toMillis(10));
            assertNull(failure.get(), "the second producer was refused although the first had ended");
            assertEquals(1, q.take());
            assertEquals(2, q.take());
        }
    }

    @Test
    void theFlagTravelsToChildren() throws Exception {
        try (SharedQueue<Integer> q = confinedQueue(8)) {
            ChildProcess child = start(new ChildProcess(() -> {
                q.put(1);
                CompletableFuture<Boolean> other = CompletableFuture.supplyAsync(() -> q.offer(2));
                try {
                    other.get(10, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IllegalStateException) {
                        System.exit(REFUSED_IN_CHILD);
                    }
                }
            }));
            assertExitCode(REFUSED_IN_CHILD, child);
            assertEquals(1, q.take());
            assertNull(q.poll(), "the refused element was not written");
        }
    }

    @Test
    void isRefusedForAMultiProducerQueue() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SharedQueue.builder().capacity(8).oneThreadPerSide().build());
        assertTrue(e.getMessage().contains("producers(1).consumers(1)"), e.getMessage());
    }
}
