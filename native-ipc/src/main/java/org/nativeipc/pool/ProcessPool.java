package org.nativeipc.pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A pool of worker processes: Python's {@code multiprocessing.Pool}, and a Java
 * {@link ExecutorService} whose tasks run in other JVMs.
 *
 * <pre>{@code
 * try (ProcessPool pool = ProcessPool.create(4)) {
 *     int square = pool.apply(() -> 7 * 7);                        // runs in a worker: 49
 *     List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3)); // [1, 4, 9]
 *     pool.applyAsync(() -> fetch(url), page -> System.out.println(page.length()), Throwable::printStackTrace);
 * }
 * }</pre>
 *
 * <p><b>Tasks</b> are {@link ProcessCallable}s (for {@code apply}) and {@link ProcessFunction}s
 * (for {@code map}): serializable lambdas that travel to a worker with what they capture. A task
 * that cannot travel is refused when it is submitted, with a message that names the captured
 * value that is not serializable. Results come back through the deserialization allow-list of
 * {@link ProcessPoolBuilder#allowPackage}, which includes the packages of the submitted tasks.
 *
 * <p><b>Workers</b> are daemon {@link org.nativeipc.process.ChildProcess}es (so they end with
 * the parent, even one killed with SIGKILL, and may not start children of their own). Each has
 * a pair of rings in shared memory to the parent; the parent decides which worker runs what,
 * sending short tasks hundreds to a message and long ones one at a time to whichever worker is
 * free. {@code map} sends its function to each worker once and the items in chunks.
 *
 * <p><b>Failures.</b> An exception thrown by a task fails its future with that exception as
 * thrown in the worker (its class, message and the worker's stack trace; a
 * {@link RemoteTaskException} if its class cannot be recreated here). A worker that dies while
 * running a task — killed, crashed, {@code System.exit} — fails that task with a
 * {@link WorkerDiedException} (pid, exit code or signal) well within a second, is replaced, and
 * no other task is affected: tasks it had received but not started run on another worker. The
 * pool never waits forever for a dead worker, which Python's does.
 *
 * <p><b>Ending</b> follows Python: {@link #close()} takes no new tasks and lets the workers
 * finish what was submitted and exit; {@link #terminate()} stops them at once (unfinished tasks
 * fail with a {@link java.util.concurrent.CancellationException}); {@link #join()}, after
 * either, waits until every worker has exited and every callback has run. Note that
 * {@link #close()} does not wait (as Python's, unlike {@link ExecutorService}'s default
 * {@code close} of Java 19+). {@link #shutdown()} is {@code close()}, {@link #shutdownNow()} is
 * {@code terminate()}.
 *
 * <p><b>Threads.</b> Results are received by one thread of the pool, on which the futures
 * complete (and their non-async dependent actions run: keep them short, and never wait there for
 * another result of the pool). Callbacks given to {@code applyAsync} run on another thread of the
 * pool, one at a time, in the parent. Every method may be called from any thread.
 */
public final class ProcessPool implements ExecutorService, AutoCloseable {
    private final PoolCore core;

    ProcessPool(PoolConfig config) {
        this.core = new PoolCore(config);
        core.start();
    }

    /**
     * A pool of {@code processes} workers with default settings: Python's {@code Pool(processes)}.
     *
     * @param processes how many worker processes, at least 1
     * @return the running pool
     * @throws IllegalArgumentException if {@code processes} is less than 1
     */
    public static ProcessPool create(int processes) {
        return builder().processes(processes).build();
    }

    /**
     * A builder for a pool with an initializer, a task limit per worker, JVM options or a name.
     *
     * @return a new builder
     */
    public static ProcessPoolBuilder builder() {
        return new ProcessPoolBuilder();
    }

    // ---- Python's API -------------------------------------------------------------------------

    /**
     * Runs {@code task} in a worker and waits for its result: Python's {@code apply}. It behaves as
     * if {@code task.call()} ran here: it returns what the task returns and throws what it throws.
     *
     * @param <R> the type of the result
     * @param task the task
     * @return the task's result
     * @throws WorkerDiedException if the worker died while running it
     * @throws Exception whatever the task threw (as thrown in the worker), or
     *     {@link InterruptedException} if this thread was interrupted while waiting
     */
    public <R> R apply(ProcessCallable<R> task) throws Exception {
        return await(applyAsync(task), "apply()");
    }

    /**
     * Sends {@code task} to a worker: Python's {@code apply_async}.
     *
     * @param <R> the type of the result
     * @param task the task
     * @return a future of its result; it fails with the task's exception, or a
     *     {@link WorkerDiedException}. Cancelling it drops the task if it has not started;
     *     {@code cancel(true)} of a running task ends its worker process (the pool replaces it),
     *     {@code cancel(false)} lets it finish and drops the result
     * @throws IllegalArgumentException if the task, or what it captures, cannot be serialized
     * @throws java.util.concurrent.RejectedExecutionException if the pool is closed or broken
     */
    @SuppressWarnings("unchecked")
    public <R> CompletableFuture<R> applyAsync(ProcessCallable<R> task) {
        return (CompletableFuture<R>) submitTask(task, "the task");
    }

    /**
     * Sends {@code task} to a worker; when it is done, runs {@code callback} with its result or
     * {@code errorCallback} with its exception, in this process, on the pool's callback thread:
     * Python's {@code apply_async(callback=..., error_callback=...)}.
     *
     * @param <R> the type of the result
     * @param task the task
     * @param callback receives the result (may be null)
     * @param errorCallback receives the task's exception (may be null)
     * @return a future that completes after the callback has run, with the task's result (or the
     *     callback's exception, if it threw)
     * @throws IllegalArgumentException if the task, or what it captures, cannot be serialized
     * @throws java.util.concurrent.RejectedExecutionException if the pool is closed or broken
     */
    public <R> CompletableFuture<R> applyAsync(ProcessCallable<R> task, Consumer<? super R> callback,
                                               Consumer<? super Throwable> errorCallback) {
        return core.callbacks.attach(applyAsync(task), callback, errorCallback);
    }

    /**
     * Applies {@code function} to every item in workers and returns the results in order:
     * Python's {@code map}, with its default chunk size (items split into about four chunks per
     * worker).
     *
     * @param <T> the type of the items
     * @param <R> the type of the results
     * @param function the function, sent to each worker once
     * @param items the items
     * @return the results, in the order of the items
     * @throws Exception the first exception an item's call threw (as thrown in the worker), a
     *     {@link WorkerDiedException}, or {@link InterruptedException}
     */
    public <T, R> List<R> map(ProcessFunction<T, R> function, Collection<? extends T> items) throws Exception {
        return await(mapAsync(function, items), "map()");
    }

    /**
     * {@link #map(ProcessFunction, Collection)} with chunks of {@code chunkSize} items.
     *
     * @param <T> the type of the items
     * @param <R> the type of the results
     * @param function the function
     * @param items the items
     * @param chunkSize items per message to a worker, at least 1
     * @return the results, in order
     * @throws Exception as {@link #map(ProcessFunction, Collection)}
     */
    public <T, R> List<R> map(ProcessFunction<T, R> function, Collection<? extends T> items, int chunkSize) throws Exception {
        return await(mapAsync(function, items, chunkSize), "map()");
    }

    /**
     * {@link #map(ProcessFunction, Collection)} without waiting: Python's {@code map_async}.
     *
     * @param <T> the type of the items
     * @param <R> the type of the results
     * @param function the function
     * @param items the items
     * @return a future of the results in order (a fixed-size list)
     * @throws IllegalArgumentException if the function or an item cannot be serialized
     */
    public <T, R> CompletableFuture<List<R>> mapAsync(ProcessFunction<T, R> function, Collection<? extends T> items) {
        Objects.requireNonNull(items, "items");
        int chunks = 4 * processes();
        return mapAsync(function, items, Math.max(1, (items.size() + chunks - 1) / chunks));
    }

    /**
     * {@link #mapAsync(ProcessFunction, Collection)} with chunks of {@code chunkSize} items.
     *
     * @param <T> the type of the items
     * @param <R> the type of the results
     * @param function the function
     * @param items the items
     * @param chunkSize items per message to a worker, at least 1
     * @return a future of the results in order
     * @throws IllegalArgumentException if the function or an item cannot be serialized, or
     *     {@code chunkSize} is less than 1
     */
    @SuppressWarnings("unchecked")
    public <T, R> CompletableFuture<List<R>> mapAsync(ProcessFunction<T, R> function, Collection<? extends T> items, int chunkSize) {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(items, "items");
        requireChunkSize(chunkSize);
        int size = items.size();
        if (size == 0) {
            return CompletableFuture.completedFuture(List.of());
        }
        ListRun run = new ListRun(core, core.encode(function, "the map function"), size);
        MapRun.ChunkSource source = run.new ChunkSource(items.iterator(), chunkSize, core.payloadLimit());
        try {
            while (source.hasNext()) {
                core.submit(source.next());
            }
            if (source.produced() != size) {
                throw new IllegalStateException("the collection of " + size + " items gave " + source.produced()
                        + " while it was read: do not change it while map runs");
            }
        } catch (RuntimeException e) {
            run.future.completeExceptionally(e);
            core.runFinished(run);
            throw e;
        }
        return (CompletableFuture<List<R>>) (CompletableFuture<?>) run.future;
    }

    /**
     * Applies {@code function} to the items in workers, lazily, and returns the results in order
     * as they are ready: Python's {@code imap}, one item per message. The input is read as results
     * are consumed, at most about a thousand items ahead, so it may be endless.
     *
     * @param <T> the type of the items
     * @param <R> the type of the results
     * @param function the function
     * @param items the items
     * @return an iterator over the results; {@code hasNext()} waits for the next one, and
     *     {@code next()} throws the exception of an item whose call failed (a checked one wrapped
     *     in a {@link CompletionException}), after which iteration may go on
     */
    public <T, R> Iterator<R> imap(ProcessFunction<T, R> function, Iterable<? extends T> items) {
        return imap(function, items, 1);
    }

    /**
     * {@link #imap(ProcessFunction, Iterable)} with chunks of {@code chunkSize} items.
     *
     * @param <T> the type of the items
     * @param <R> the type of the results
     * @param function the function
     * @param items the items
     * @param chunkSize items per message to a worker, at least 1
     * @return an iterator over the results, in order
     */
    public <T, R> Iterator<R> imap(ProcessFunction<T, R> function, Iterable<? extends T> items, int chunkSize) {
        return stream(function, items, chunkSize, true);
    }

    /**
     * As {@link #imap(ProcessFunction, Iterable)}, but results come as they are ready, in any
     * order: Python's {@code imap_unordered}.
     *
     * @param <T> the type of the items
     * @param <R> the type of the results
     * @param function the function
     * @param items the items
     * @return an iterator over the results, in completion order
     */
    public <T, R> Iterator<R> imapUnordered(ProcessFunction<T, R> function, Iterable<? extends T> items) {
        return imapUnordered(function, items, 1);
    }

    /**
     * {@link #imapUnordered(ProcessFunction, Iterable)} with chunks of {@code chunkSize} items.
     *
     * @param <T> the type of the items
     * @param <R> the type of the results
     * @param function the function
     * @param items the items
     * @param chunkSize items per message to a worker, at least 1
     * @return an iterator over the results, in completion order
     */
    public <T, R> Iterator<R> imapUnordered(ProcessFunction<T, R> function, Iterable<? extends T> items, int chunkSize) {
        return stream(function, items, chunkSize, false);
    }

    @SuppressWarnings("unchecked")
    private <T, R> Iterator<R> stream(ProcessFunction<T, R> function, Iterable<? extends T> items, int chunkSize, boolean ordered) {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(items, "items");
        requireChunkSize(chunkSize);
        return (Iterator<R>) new StreamRun(core, core.encode(function, "the map function"), items.iterator(), chunkSize, ordered,
                processes());
    }

    /**
     * Takes no new tasks; the workers finish every task submitted so far and then exit: Python's
     * {@code close()}. Does not wait (see {@link #join()}). Harmless twice.
     */
    @Override
    public void close() {
        core.close();
    }

    /**
     * Waits until every worker has exited and every callback has run, after {@link #close()} or
     * {@link #terminate()}: Python's {@code join()}.
     *
     * @throws IllegalStateException if the pool is still running (as Python's raises)
     * @throws InterruptedException if this thread was interrupted while waiting
     */
    public void join() throws InterruptedException {
        if (core.state() == PoolCore.State.RUNNING) {
            throw new IllegalStateException("join() on pool " + core.config.name() + ", which is still running: call close() or"
                    + " terminate() first");
        }
        try {
            core.terminated.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("pool " + core.config.name() + " ended abnormally", e.getCause());
        }
    }

    /**
     * Stops the workers now (SIGTERM, then SIGKILL after two seconds): Python's
     * {@code terminate()}. Tasks not finished fail with a
     * {@link java.util.concurrent.CancellationException}. Harmless twice.
     */
    public void terminate() {
        core.terminate();
    }

    // ---- ExecutorService ----------------------------------------------------------------------

    /**
     * Sends {@code task} to a worker. It must be serializable: a {@link ProcessCallable}, or a
     * {@code Callable} class that implements {@link java.io.Serializable}.
     *
     * @throws IllegalArgumentException if it (or what it captures) is not serializable; the
     *     message names what it captured
     */
    @Override
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> submit(Callable<T> task) {
        return (CompletableFuture<T>) submitTask(task, "the Callable");
    }

    /**
     * Sends {@code task} to a worker; it must be a {@code Runnable} that is
     * {@link java.io.Serializable} (cast a lambda: {@code (Runnable & Serializable) () -> ...}).
     *
     * @throws IllegalArgumentException if it (or what it captures) is not serializable
     */
    @Override
    public CompletableFuture<?> submit(Runnable task) {
        return submitTask(task, "the Runnable");
    }

    /**
     * As {@link #submit(Runnable)}; the future completes with {@code result}.
     *
     * @throws IllegalArgumentException if the task (or what it captures) is not serializable
     */
    @Override
    public <T> CompletableFuture<T> submit(Runnable task, T result) {
        return submitTask(task, "the Runnable").thenApply(ignored -> result);
    }

    /**
     * As {@link #submit(Runnable)}, without a future: a failure is logged (System.Logger of this
     * package, WARNING).
     *
     * @throws IllegalArgumentException if the task (or what it captures) is not serializable
     */
    @Override
    public void execute(Runnable command) {
        submitTask(command, "the Runnable").whenComplete((v, e) -> {
            if (e != null) {
                System.getLogger(ProcessPool.class.getPackageName()).log(System.Logger.Level.WARNING,
                        "a task given to execute() on pool " + core.config.name() + " failed", e);
            }
        });
    }

    private CompletableFuture<Object> submitTask(Object task, String what) {
        Objects.requireNonNull(task, "task");
        TaskFuture future = new TaskFuture(core);
        core.submit(new Work.Call(core.encode(task, what), task, future));
        return future;
    }

    /**
     * Sends every task and waits for all. Refused as a whole if one of them cannot be serialized.
     */
    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
        return Invocations.invokeAll(tasks, this::submit, Long.MAX_VALUE);
    }

    /** Sends every task and waits for all, at most {@code timeout}; those not done by then are cancelled. */
    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException {
        return Invocations.invokeAll(tasks, this::submit, unit.toNanos(timeout));
    }

    /** Sends every task and returns the first successful result; the others are cancelled. */
    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        try {
            return Invocations.invokeAny(tasks, this::submit, Long.MAX_VALUE);
        } catch (TimeoutException impossible) {
            throw new AssertionError("no timeout was given", impossible);
        }
    }

    /** As {@link #invokeAny(Collection)}, waiting at most {@code timeout}. */
    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        return Invocations.invokeAny(tasks, this::submit, unit.toNanos(timeout));
    }

    /** Same as {@link #close()}. */
    @Override
    public void shutdown() {
        close();
    }

    /**
     * Same as {@link #terminate()}.
     *
     * @return the tasks that were waiting in this process, never sent to a worker (a
     *     {@code Callable} is wrapped in a {@code Runnable} that calls it)
     */
    @Override
    public List<Runnable> shutdownNow() {
        List<Runnable> waiting = new ArrayList<>();
        for (Object task : core.terminate()) {
            waiting.add(task instanceof Runnable r ? r : () -> {
                try {
                    ((Callable<?>) task).call();
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            });
        }
        return waiting;
    }

    @Override
    public boolean isShutdown() {
        return core.state() != PoolCore.State.RUNNING;
    }

    @Override
    public boolean isTerminated() {
        return core.terminated.isDone();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            core.terminated.get(timeout, unit);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    // ---- state --------------------------------------------------------------------------------

    /**
     * How many worker processes the pool keeps.
     *
     * @return the {@code processes} it was built with
     */
    public int processes() {
        return core.config.processes();
    }

    /**
     * The pool's name.
     *
     * @return its name, as in its workers' names
     */
    public String name() {
        return core.config.name();
    }

    /**
     * Waits until every worker is ready for tasks: its JVM runs, it has attached to the pool and
     * run the {@linkplain ProcessPoolBuilder#initializer initializer}. Tasks may be submitted at
     * once after {@link #create}, without this; it is for a program that wants its workers up
     * before it serves (and for timing a pool's start).
     *
     * @param timeout how long to wait at most
     * @return true if {@link #processes()} workers are ready; false if the timeout elapsed first,
     *     or the pool was closed or terminated before they were
     * @throws InterruptedException if interrupted while waiting
     * @throws BrokenPoolException if the workers cannot start (their JVM options or the
     *     initializer fail)
     */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        long nanos;
        try {
            nanos = Math.max(0, timeout.toNanos());
        } catch (ArithmeticException tooLong) {
            nanos = Long.MAX_VALUE;
        }
        return core.awaitReady(nanos);
    }

    /**
     * The pids of the workers now running (a worker that is starting or ending is included).
     *
     * @return the pids, one per worker process
     */
    public List<Long> workerPids() {
        List<Long> pids = new ArrayList<>();
        for (Worker w : core.active()) {
            pids.add(w.pid());
        }
        return pids;
    }

    /** Live state: the workers and what they hold, tasks waiting here, the window of work per worker. */
    @Override
    public String toString() {
        return "ProcessPool[" + name() + ", processes=" + processes() + ", " + core.describe() + "]";
    }

    private <V> V await(CompletableFuture<V> future, String what) throws Exception {
        if (core.onCollectorThread()) {
            throw new IllegalStateException(what + " called on the result thread of pool " + name() + " (in a dependent action of"
                    + " one of its futures): it would wait for itself; use the async methods there");
        }
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw (Error) cause;
        }
    }

    private static void requireChunkSize(int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize " + chunkSize + " must be at least 1 item");
        }
    }
}
