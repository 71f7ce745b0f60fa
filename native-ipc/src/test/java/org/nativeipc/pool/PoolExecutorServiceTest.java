package org.nativeipc.pool;

import static org.junit.jupiter.api.Assertions.*;
import static org.nativeipc.pool.PoolTesting.*;

import java.io.Serializable;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nativeipc.queue.SharedQueue;

/** The ExecutorService contract of a ProcessPool, and tasks refused because they cannot travel. */
class PoolExecutorServiceTest {
    private static ProcessPool pool;
    private final Thread notSerializable = new Thread(() -> { });

    @BeforeAll
    static void startPool() {
        pool = ProcessPool.create(2);
    }

    @AfterAll
    static void stopPool() throws InterruptedException {
        closeAndJoin(pool);
    }

    @Test
    void submitTakesSerializableCallablesAndRunnables() throws Exception {
        assertEquals(6, result(pool.submit((ProcessCallable<Integer>) () -> 2 * 3), "submit(Callable)"));
        assertNull(result(pool.submit((Runnable & Serializable) () -> { }), "submit(Runnable)"));
        assertEquals("done", result(pool.submit((Runnable & Serializable) () -> { }, "done"), "submit(Runnable, result)"));
        pool.execute((Runnable & Serializable) () -> { });
    }

    @Test
    void aCallableThatCannotTravelIsRefusedAtOnceNamingWhatItCaptured() throws Exception {
        try (Socket socket = new Socket()) {
            Callable<Integer> plain = () -> socket.hashCode();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.submit(plain));
            assertTrue(e.getMessage().contains("is not Serializable") && e.getMessage().contains("java.net.Socket")
                    && e.getMessage().contains("ProcessCallable"), e.getMessage());
            ProcessCallable<Integer> capturesSocket = () -> socket.hashCode();
            e = assertThrows(IllegalArgumentException.class, () -> pool.submit(capturesSocket));
            assertTrue(e.getMessage().contains("captured value #1 (a java.net.Socket)"), e.getMessage());
        }
        ProcessCallable<Integer> capturesThis = () -> notSerializable.hashCode();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.applyAsync(capturesThis));
        assertTrue(e.getMessage().contains("this (the enclosing " + getClass().getName()), e.getMessage());
        List<Object> holder = new ArrayList<>(List.of("ok", new Object()));
        ProcessCallable<Integer> deep = holder::size;
        e = assertThrows(IllegalArgumentException.class, () -> pool.apply(deep));
        assertTrue(e.getMessage().contains("java.util.ArrayList) → an element (a java.lang.Object)"), e.getMessage());
    }

    @Test
    void invokeAllWaitsForEveryTask() throws Exception {
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int x = i;
            tasks.add((ProcessCallable<Integer>) () -> x * x);
        }
        List<Future<Integer>> futures = pool.invokeAll(tasks);
        for (int i = 0; i < 10; i++) {
            assertTrue(futures.get(i).isDone());
            assertEquals(i * i, futures.get(i).get());
        }
        awaitTrue(() -> pool.workerPids().size() == 2, "both workers to have started");
        List<Callable<Integer>> slow = List.of((ProcessCallable<Integer>) () -> 1, (ProcessCallable<Integer>) () -> {
            Thread.sleep(600_000);
            return 2;
        });
        List<Future<Integer>> timed = pool.invokeAll(slow, 20, TimeUnit.SECONDS);
        assertEquals(1, timed.get(0).get());
        assertTrue(timed.get(1).isCancelled(), "the task not done in time is cancelled");
        awaitTrue(() -> pool.workerPids().size() == 2, "the worker of the cancelled task to be replaced");
        assertEquals(5, pool.apply(() -> 5), "the pool works on after cancel(true) ended a worker");
    }

    @Test
    void invokeAnyReturnsASuccessfulResult() throws Exception {
        List<Callable<String>> tasks = List.of((ProcessCallable<String>) () -> {
            throw new IllegalStateException("first fails");
        }, (ProcessCallable<String>) () -> "second works");
        assertEquals("second works", pool.invokeAny(tasks));
        List<Callable<String>> failing = List.of((ProcessCallable<String>) () -> {
            throw new IllegalStateException("fails");
        });
        ExecutionException e = assertThrows(ExecutionException.class, () -> pool.invokeAny(failing));
        assertEquals("fails", e.getCause().getMessage());
        List<Callable<String>> slow = List.of((ProcessCallable<String>) () -> {
            Thread.sleep(600_000);
            return "late";
        });
        assertThrows(TimeoutException.class, () -> pool.invokeAny(slow, 200, TimeUnit.MILLISECONDS));
    }

    @Test
    void shutdownNowReturnsTheTasksThatNeverStarted() throws Exception {
        ProcessPool single = ProcessPool.create(1);
        SharedQueue<String> started = SharedQueue.create(1);
        CompletableFuture<Integer> running = single.submit((ProcessCallable<Integer>) () -> {
            started.put("started");
            Thread.sleep(600_000);
            return 0;
        });
        assertEquals("started", started.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "the long task did not start");
        started.close();
        List<Callable<Integer>> waiting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiting.add((ProcessCallable<Integer>) () -> 1);
        }
        List<CompletableFuture<Integer>> waitingFutures = new ArrayList<>();
        for (Callable<Integer> c : waiting) {
            waitingFutures.add(single.submit(c));
        }
        List<Runnable> neverStarted = single.shutdownNow();
        assertTrue(single.isShutdown());
        assertTrue(single.awaitTermination(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "the pool did not end after shutdownNow()");
        assertTrue(single.isTerminated());
        assertInstanceOf(CancellationException.class, failure(running, "the running task of a pool shut down now"));
        for (CompletableFuture<Integer> f : waitingFutures) {
            assertInstanceOf(CancellationException.class, failure(f, "a waiting task of a pool shut down now"));
        }
        assertEquals(5, neverStarted.size(), "the 5 tasks behind a long one waited in the parent: " + neverStarted);
    }
}
