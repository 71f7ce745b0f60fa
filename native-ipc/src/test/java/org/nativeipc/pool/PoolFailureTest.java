package org.nativeipc.pool;

import static org.junit.jupiter.api.Assertions.*;
import static org.nativeipc.pool.PoolTesting.*;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nativeipc.process.CurrentProcess;
import org.nativeipc.queue.SharedQueue;

/**
 * What a pool does when tasks fail and workers die: exceptions come back as thrown in the
 * worker; a worker killed with SIGKILL, or that calls System.exit, fails the task it was running
 * with a WorkerDiedException and nothing else; the pool replaces it and keeps its size.
 */
class PoolFailureTest {
    private ProcessPool pool;

    @BeforeEach
    void startPool() {
        pool = ProcessPool.builder().processes(2).name("failure-test").build();
    }

    @AfterEach
    void stopPool() throws InterruptedException {
        closeAndJoin(pool);
    }

    @Test
    void aTasksExceptionKeepsItsClassMessageAndTheWorkersStackTrace() throws Exception {
        int x = 5;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.apply(() -> {
            throw new IllegalArgumentException("bad value " + x);
        }));
        assertEquals("bad value 5", e.getMessage());
        assertTrue(Arrays.stream(e.getStackTrace()).anyMatch(f -> f.getClassName().equals(WorkerLoop.class.getName())),
                "the stack trace is the worker's: " + Arrays.toString(e.getStackTrace()));
        assertThrows(IOException.class, () -> pool.apply(() -> {
            throw new IOException("checked exceptions travel too");
        }));
        assertEquals(1, pool.apply(() -> 1), "the worker carries on after a task's exception");
    }

    @Test
    void anExceptionThatCannotTravelIsReportedByClassMessageAndTrace() {
        RemoteTaskException e = assertThrows(RemoteTaskException.class, () -> pool.apply(() -> {
            throw new Unsendable("holds a thread");
        }));
        assertEquals(Unsendable.class.getName(), e.remoteClassName());
        assertEquals(Unsendable.class.getName() + ": holds a thread", e.getMessage());
        assertTrue(e.getStackTrace().length > 0);
    }

    @Test
    void aKilledWorkerFailsOnlyItsTaskAndIsReplaced() throws Exception {
        try (SharedQueue<Long> running = SharedQueue.create(4)) {
            CompletableFuture<String> victim = pool.applyAsync(() -> {
                running.put(CurrentProcess.pid());
                Thread.sleep(600_000);
                return "never";
            });
            Long pid = running.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(pid, "the victim task did not start within " + TIMEOUT);
            List<CompletableFuture<Integer>> others = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int v = i;
                others.add(pool.applyAsync(() -> {
                    Thread.sleep(2);
                    return v;
                }));
            }
            long killedAt = System.nanoTime();
            assertTrue(ProcessHandle.of(pid).orElseThrow().destroyForcibly());
            Throwable e = failure(victim, "the task of the killed worker");
            long noticedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
            WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, e);
            assertEquals(pid, died.pid());
            assertEquals(-9, died.exitCode());
            assertTrue(died.killedBySignal());
            assertTrue(died.getMessage().contains("SIGKILL"), died.getMessage());
            System.out.println("the death of worker " + pid + " failed its task after " + noticedMillis + " ms");
            for (int i = 0; i < others.size(); i++) {
                assertEquals(i, result(others.get(i), "task " + i + " submitted beside the victim"));
            }
            awaitTrue(() -> pool.workerPids().size() == 2 && !pool.workerPids().contains(pid), "a replacement worker");
            assertNotEquals(pid, (long) pool.apply(CurrentProcess::pid));
        }
    }

    @Test
    void systemExitInATaskIsAWorkerDeath() throws Exception {
        WorkerDiedException e = assertThrows(WorkerDiedException.class, () -> pool.apply(() -> {
            System.exit(3);
            return 0;
        }));
        assertEquals(3, e.exitCode());
        assertFalse(e.killedBySignal());
        assertEquals(12, pool.apply(() -> 12), "the pool replaced the worker");
    }

    @Test
    void tasksThatFinishedBeforeTheirWorkerDiedKeepTheirResults() throws Exception {
        ProcessPool single = ProcessPool.builder().processes(1).name("single").build();
        try {
            for (int i = 0; i < 200; i++) {
                single.applyAsync(() -> 0); // many short tasks: the pool then sends tasks many to a message
            }
            result(single.applyAsync(() -> 0), "warm-up tasks");
            List<CompletableFuture<Integer>> before = new ArrayList<>();
            List<CompletableFuture<Integer>> after = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int v = i;
                before.add(single.applyAsync(() -> v));
            }
            CompletableFuture<Integer> exit = single.applyAsync(() -> {
                Runtime.getRuntime().halt(5);
                return -1;
            });
            for (int i = 0; i < 50; i++) {
                int v = i;
                after.add(single.applyAsync(() -> v));
            }
            assertEquals(5, assertInstanceOf(WorkerDiedException.class, failure(exit, "the task that halts")).exitCode());
            for (int i = 0; i < 50; i++) {
                assertEquals(i, result(before.get(i), "task " + i + " before the halt"));
                assertEquals(i, result(after.get(i), "task " + i + " after the halt (sent again to the replacement)"));
            }
        } finally {
            closeAndJoin(single);
        }
    }

    @Test
    void mapFailsWithTheFirstExceptionOfAnItem() {
        List<Integer> items = IntStream.range(0, 1000).boxed().collect(Collectors.toList());
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> pool.map(x -> 1000 / (x - 500), items, 10));
        assertEquals("/ by zero", e.getMessage());
    }

    @Test
    void mapFailsWhenAWorkerDiesInAChunk() throws Exception {
        List<Integer> items = IntStream.range(0, 100).boxed().collect(Collectors.toList());
        WorkerDiedException e = assertThrows(WorkerDiedException.class, () -> pool.map(x -> {
            if (x == 42) {
                Runtime.getRuntime().halt(7);
            }
            return x;
        }, items, 10));
        assertEquals(7, e.exitCode());
        assertTrue(e.getMessage().contains("items 40..49 of a map"), e.getMessage());
        assertEquals(items, pool.map(x -> x, items, 10), "the pool still maps");
    }

    @Test
    void imapRaisesAnItemsExceptionInItsPlaceAndGoesOn() {
        Iterator<Integer> results = pool.imap((Integer x) -> {
            if (x == 3) {
                throw new IllegalStateException("item 3");
            }
            return x * 10;
        }, List.of(0, 1, 2, 3, 4, 5));
        assertEquals(List.of(0, 10, 20), List.of(results.next(), results.next(), results.next()));
        assertEquals("item 3", assertThrows(IllegalStateException.class, results::next).getMessage());
        assertEquals(List.of(40, 50), List.of(results.next(), results.next()));
        assertFalse(results.hasNext());
    }

    /** An exception that cannot be serialized (it holds a Thread). */
    static final class Unsendable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("unused")
        private final Thread thread = Thread.currentThread();

        Unsendable(String message) {
            super(message);
        }
    }
}
