package org.nativeipc.pool;

import static org.junit.jupiter.api.Assertions.*;
import static org.nativeipc.pool.PoolTesting.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nativeipc.process.CurrentProcess;

/** Python's Pool API on one pool of two workers: results, order, callbacks, chunking. */
class ProcessPoolTest {
    private static ProcessPool pool;

    @BeforeAll
    static void startPool() {
        pool = ProcessPool.builder().processes(2).name("pool-test").build();
    }

    @AfterAll
    static void stopPool() throws InterruptedException {
        closeAndJoin(pool);
    }

    @Test
    void applyRunsInAWorker() throws Exception {
        long parent = CurrentProcess.pid();
        long worker = pool.apply(CurrentProcess::pid);
        assertNotEquals(parent, worker, "the task ran in the parent");
        assertTrue(pool.workerPids().contains(worker), worker + " is not one of " + pool.workerPids());
        int n = 7;
        assertEquals(49, pool.apply(() -> n * n));
        assertEquals("pool-test-worker-", pool.apply(CurrentProcess::name).replaceAll("\\d+$", ""));
    }

    @Test
    void applyAsyncResultsComeBackToTheirFutures() throws Exception {
        List<CompletableFuture<String>> futures = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            int x = i;
            futures.add(pool.applyAsync(() -> "r" + x));
        }
        for (int i = 0; i < futures.size(); i++) {
            assertEquals("r" + i, result(futures.get(i), "applyAsync #" + i));
        }
    }

    @Test
    void callbacksRunInTheParentOneAtATime() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        Set<Long> callbackPids = Collections.synchronizedSet(new HashSet<>());
        int[] concurrent = {0, 0};
        List<CompletableFuture<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int x = i;
            futures.add(pool.applyAsync(() -> x * x, r -> {
                synchronized (concurrent) {
                    concurrent[0]++;
                    concurrent[1] = Math.max(concurrent[1], concurrent[0]);
                }
                callbackPids.add(CurrentProcess.pid());
                seen.add(Thread.currentThread().getName() + ":" + r);
                synchronized (concurrent) {
                    concurrent[0]--;
                }
            }, e -> seen.add("error " + e)));
        }
        for (int i = 0; i < futures.size(); i++) {
            assertEquals(i * i, result(futures.get(i), "applyAsync with callback #" + i));
        }
        assertEquals(50, seen.size(), "every callback ran before its future completed: " + seen);
        assertEquals(Set.of(CurrentProcess.pid()), callbackPids, "callbacks run in the parent");
        assertEquals(1, concurrent[1], "callbacks never overlap");
        assertTrue(seen.get(0).startsWith("nativeipc-pool-pool-test-callbacks:"), seen.get(0));
    }

    @Test
    void errorCallbackGetsTheTasksException() throws Exception {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        CompletableFuture<Integer> f = pool.applyAsync(() -> {
            throw new IllegalStateException("no luck");
        }, r -> fail("the callback ran for a failed task"), errors::add);
        Throwable e = failure(f, "a failing task");
        assertEquals(List.of(e), errors);
        assertEquals("no luck", e.getMessage());
    }

    @Test
    void mapKeepsOrderWithAnyChunkSize() throws Exception {
        List<Integer> items = IntStream.range(0, 10_000).boxed().collect(Collectors.toList());
        List<Integer> expected = items.stream().map(x -> 3 * x).collect(Collectors.toList());
        assertEquals(expected, pool.map(x -> 3 * x, items));
        assertEquals(expected, pool.map(x -> 3 * x, items, 1));
        assertEquals(expected, pool.map(x -> 3 * x, items, 777));
        assertEquals(expected, pool.map(x -> 3 * x, items, 1_000_000));
        assertEquals(List.of(), pool.map(x -> x, List.<Integer>of()));
        assertEquals(expected, result(pool.mapAsync(x -> 3 * x, items), "mapAsync"));
    }

    @Test
    void largeItemsAndResultsAreSplitAcrossMessages() throws Exception {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            items.add("x".repeat(2000 + i));
        }
        List<Integer> lengths = pool.map(String::length, items, 300);
        assertEquals(items.stream().map(String::length).collect(Collectors.toList()), lengths);
        List<String> echoed = pool.map(s -> s + s, items, 300);
        for (int i = 0; i < items.size(); i++) {
            assertEquals(2 * items.get(i).length(), echoed.get(i).length(), "item " + i);
        }
    }

    @Test
    void valuesOfManyTypesTravel() throws Exception {
        List<Object> values = List.of(1, 2L, 3.5, true, false, "text", new byte[] {1, 2}, List.of(1, "two"),
                new Point(3, 4), java.time.LocalDate.of(2024, 2, 29));
        List<Object> back = pool.map(v -> v, values);
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) instanceof byte[] b) {
                assertArrayEquals(b, (byte[]) back.get(i));
            } else {
                assertEquals(values.get(i), back.get(i));
            }
        }
        assertNull(pool.apply(() -> null));
    }

    @Test
    void imapIsInOrderAndImapUnorderedHasEveryResult() {
        List<Integer> items = IntStream.range(0, 300).boxed().collect(Collectors.toList());
        List<Integer> inOrder = new ArrayList<>();
        pool.imap((Integer x) -> {
            if (x % 7 == 0) {
                pause(3);
            }
            return x + 1;
        }, items).forEachRemaining(inOrder::add);
        assertEquals(items.stream().map(x -> x + 1).collect(Collectors.toList()), inOrder);
        List<Integer> any = new ArrayList<>();
        pool.imapUnordered((Integer x) -> x + 1, items, 7).forEachRemaining(any::add);
        Collections.sort(any);
        assertEquals(inOrder, any);
    }

    @Test
    void imapReadsAnEndlessInputOnlyAsFarAsItIsConsumed() {
        int[] pulled = {0};
        Iterable<Integer> endless = () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                return pulled[0]++;
            }
        };
        Iterator<Integer> results = pool.imap((Integer x) -> x * 2, endless, 4);
        for (int i = 0; i < 5000; i++) {
            assertEquals(2 * i, results.next());
        }
        int ahead = pulled[0] - 5000;
        assertTrue(ahead <= StreamRun.MAX_OUTSTANDING_ITEMS + 4, "imap read " + ahead + " items ahead of the consumer");
    }

    @Test
    void toStringShowsTheWorkers() throws Exception {
        pool.apply(() -> 1);
        awaitTrue(() -> pool.workerPids().size() == 2, "both workers to have started");
        String s = pool.toString();
        assertTrue(s.startsWith("ProcessPool[pool-test, processes=2, running"), s);
        assertTrue(s.contains("pool-test-worker-"), s);
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A user type (its package is allowed because the tasks come from here). */
    record Point(int x, int y) implements java.io.Serializable {
    }
}
