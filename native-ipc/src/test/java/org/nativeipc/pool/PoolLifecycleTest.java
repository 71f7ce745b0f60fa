package org.nativeipc.pool;

import static org.junit.jupiter.api.Assertions.*;
import static org.nativeipc.pool.PoolTesting.*;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.nativeipc.process.CurrentProcess;
import org.nativeipc.process.ProcessTask;
import org.nativeipc.queue.SharedQueue;

/** close/join/terminate, maxTasksPerChild and the initializer, with real worker processes. */
class PoolLifecycleTest {
    /** Set by the initializer in each worker; read by its tasks. */
    static volatile String initializedBy;

    @Test
    void closeLetsSubmittedTasksFinishThenTheWorkersExit() throws Exception {
        ProcessPool pool = ProcessPool.create(2);
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            futures.add(pool.applyAsync(() -> {
                Thread.sleep(20);
                return CurrentProcess.pid();
            }));
        }
        assertThrows(IllegalStateException.class, pool::join, "join() before close() is refused, as in Python");
        pool.close();
        assertThrows(RejectedExecutionException.class, () -> pool.applyAsync(() -> 1));
        assertTrue(pool.isShutdown());
        assertTrue(pool.awaitTermination(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "the pool did not end after close()");
        pool.join();
        List<Long> pids = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            assertTrue(futures.get(i).isDone() && !futures.get(i).isCompletedExceptionally(), "task " + i + " finished before the pool ended");
            pids.add(futures.get(i).get());
        }
        assertTrue(pool.isTerminated());
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "worker " + pid + " still runs");
        }
        assertEquals(List.of(), pool.workerPids());
    }

    @Test
    void awaitReadyReturnsOnceEveryWorkerRuns() throws Exception {
        ProcessPool pool = ProcessPool.create(2);
        try {
            assertTrue(pool.awaitReady(TIMEOUT), "the workers of " + pool + " were not ready within " + TIMEOUT);
            List<Long> pids = pool.workerPids();
            assertEquals(2, pids.size(), "workers of a ready pool: " + pool);
            for (long pid : pids) {
                assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "ready worker " + pid + " runs");
            }
            assertTrue(pool.awaitReady(java.time.Duration.ZERO), "a ready pool stays ready");
        } finally {
            pool.close();
        }
        assertFalse(pool.awaitReady(TIMEOUT), "a closed pool is not waited for");
        pool.join();
    }

    @Test
    void terminateStopsTheWorkersAndFailsWhatDidNotFinish() throws Exception {
        ProcessPool pool = ProcessPool.create(2);
        try (SharedQueue<Long> running = SharedQueue.create(4)) {
            List<CompletableFuture<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                futures.add(pool.applyAsync(() -> {
                    running.put(CurrentProcess.pid());
                    Thread.sleep(600_000);
                    return 0;
                }));
            }
            assertNotNull(running.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "no task started");
            List<Long> pids = pool.workerPids();
            pool.terminate();
            pool.join();
            for (CompletableFuture<Integer> f : futures) {
                assertInstanceOf(CancellationException.class, failure(f, "a task of a terminated pool"));
            }
            for (long pid : pids) {
                assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "worker " + pid + " still runs");
            }
            pool.terminate(); // harmless twice
            pool.close();
        }
    }

    @Test
    void aProgramThatDoesNotWaitForItsPoolExitsCleanly() throws Exception {
        for (String mode : new String[] {"open", "close"}) {
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    ExitWithOpenPool.class.getName(), mode);
            Process program = builder.start();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(program.getErrorStream()));
            String out = read(program.getInputStream());
            assertTrue(program.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "the program (" + mode + ") did not exit");
            assertEquals(0, program.exitValue(), "exit code (" + mode + "); stderr: " + err.get());
            assertEquals("42", out.strip(), mode);
            assertEquals("", err.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).strip(), "the pool printed at exit (" + mode + ")");
        }
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "cannot read: " + e;
        }
    }

    @Test
    void maxTasksPerChildReplacesWorkers() throws Exception {
        ProcessPool pool = ProcessPool.builder().processes(2).maxTasksPerChild(3).build();
        Map<Long, Integer> tasksPerPid = new HashMap<>();
        for (int i = 0; i < 12; i++) {
            tasksPerPid.merge(pool.apply(CurrentProcess::pid), 1, Integer::sum);
        }
        assertTrue(tasksPerPid.values().stream().allMatch(n -> n <= 3), "a worker ran more than 3 tasks: " + tasksPerPid);
        assertTrue(tasksPerPid.size() >= 4, "12 tasks need at least 4 workers of 3 tasks: " + tasksPerPid);
        List<Integer> mapped = pool.map(x -> x + 1, List.of(1, 2, 3, 4, 5, 6, 7, 8), 1);
        assertEquals(List.of(2, 3, 4, 5, 6, 7, 8, 9), mapped);
        closeAndJoin(pool);
    }

    @Test
    void theInitializerRunsOnceInEachWorkerBeforeItsTasks() throws Exception {
        try (SharedQueue<Long> initialized = SharedQueue.create(16)) {
            ProcessPool pool = ProcessPool.builder().processes(2).initializer(() -> {
                initializedBy = "initializer of " + CurrentProcess.pid();
                initialized.put(CurrentProcess.pid());
            }).build();
            List<CompletableFuture<String>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                futures.add(pool.applyAsync(() -> {
                    Thread.sleep(1);
                    return CurrentProcess.pid() + " sees " + initializedBy;
                }));
            }
            for (CompletableFuture<String> f : futures) {
                String seen = result(f, "a task of an initialized pool");
                String pid = seen.substring(0, seen.indexOf(' '));
                assertEquals(pid + " sees initializer of " + pid, seen);
            }
            closeAndJoin(pool);
            List<Long> runs = new ArrayList<>();
            initialized.drainTo(runs);
            assertEquals(runs.size(), runs.stream().distinct().count(), "an initializer ran twice in one worker: " + runs);
            assertTrue(runs.size() >= 1 && runs.size() <= 2, "one initializer per worker: " + runs);
        }
    }

    @Test
    void aFailingInitializerBreaksThePool() throws Exception {
        ProcessPool pool = ProcessPool.builder().processes(2).initializer(() -> {
            throw new IllegalStateException("no database");
        }).build();
        CompletableFuture<Integer> f;
        try {
            f = pool.applyAsync(() -> 1);
        } catch (BrokenPoolException alreadyBroken) {
            f = CompletableFuture.failedFuture(alreadyBroken);
        }
        BrokenPoolException e = assertInstanceOf(BrokenPoolException.class, failure(f, "a task of a pool whose initializer fails"));
        assertEquals("no database", e.getCause().getMessage());
        assertThrows(BrokenPoolException.class, () -> pool.applyAsync(() -> 2));
        assertThrows(BrokenPoolException.class, () -> pool.awaitReady(TIMEOUT), "a broken pool is never ready");
        pool.join();
    }

    @Test
    void anInitializerTheWorkersCannotReadBreaksThePoolWithTheReason() throws Exception {
        ProcessPool pool = ProcessPool.builder().processes(1).initializer(new RefusesToTravel()).build();
        CompletableFuture<Integer> f;
        try {
            f = pool.applyAsync(() -> 1);
        } catch (BrokenPoolException alreadyBroken) {
            f = CompletableFuture.failedFuture(alreadyBroken);
        }
        BrokenPoolException e = assertInstanceOf(BrokenPoolException.class,
                failure(f, "a task of a pool whose initializer cannot be read in the worker"));
        String reason = String.valueOf(e.getCause().getMessage());
        assertTrue(reason.contains("initializer could not be read") && reason.contains("refuses to travel"), reason);
        pool.join();
    }

    /** An initializer that serializes but cannot be deserialized. */
    private static final class RefusesToTravel implements ProcessTask {
        private static final long serialVersionUID = 1L;

        @Override
        public void run() {
        }

        private void readObject(ObjectInputStream in) throws IOException {
            throw new InvalidObjectException("refuses to travel");
        }
    }

    @Test
    void workersThatCannotStartBreakThePool() throws Exception {
        ProcessPool pool = ProcessPool.builder().processes(1).jvmOptions("-Xmx1k").build();
        CompletableFuture<Integer> f;
        try {
            f = pool.applyAsync(() -> 1);
        } catch (BrokenPoolException alreadyBroken) {
            f = CompletableFuture.failedFuture(alreadyBroken);
        }
        BrokenPoolException e = assertInstanceOf(BrokenPoolException.class, failure(f, "a task of a pool whose workers cannot start"));
        assertTrue(e.getMessage().contains("the workers of pool " + pool.name()), e.getMessage());
        pool.join();
    }
}
