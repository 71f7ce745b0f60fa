package org.nativeipc.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.nativeipc.internal.memory.RegionKind;
import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.internal.wait.EventCount;
import org.nativeipc.queue.SpscRing;

/**
 * A pool's moving parts and its one lock: the {@link WorkerSet}, the {@link Dispatcher}, the
 * life cycle (running → closed or terminating → terminated), and what happens when a worker
 * ends. The result collector thread reports to it ({@link #answered}, {@link #exited}).
 *
 * <p>Futures are never completed while the lock is held (a dependent action could call back into
 * the pool): methods that fail units collect them and fail them after unlocking.
 */
final class PoolCore {
    private static final System.Logger LOG = System.getLogger(PoolCore.class.getPackageName());
    /** Workers in a row that die before they are ready (or cannot be started), after which the pool is broken. */
    static final int MAX_BOOT_FAILURES = 3;
    /** How long terminated workers get to end on SIGTERM before they are killed. */
    static final long TERMINATE_GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** How long an idle starter thread lives. */
    private static final long STARTER_IDLE_SECONDS = 1;

    enum State { RUNNING, CLOSED, TERMINATING, TERMINATED }

    /** A unit to fail once the lock is released, and with what. */
    private record Failing(Work work, Throwable error) {
    }

    final PoolConfig config;
    final SharedRegion control;
    final EventCount doorbell;
    final TaskEncoder encoder;
    final Callbacks callbacks;
    final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when a worker becomes ready and when the pool stops running (for {@link #awaitReady}). */
    private final Condition readiness = lock.newCondition();
    private final Dispatcher dispatcher;
    private final WorkerSet workers;
    private final List<Work> rejected = new ArrayList<>();
    private final List<Failing> failing = new ArrayList<>();
    private final AtomicInteger functionIds = new AtomicInteger();
    private final AtomicLong kicks = new AtomicLong();
    private volatile State state = State.RUNNING;
    private BrokenPoolException broken;
    private long killDeadline;
    private final int payloadLimit;
    private final ExecutorService starter;
    private volatile Thread collector;

    PoolCore(PoolConfig config) {
        this.config = config;
        this.payloadLimit = SpscRing.maxMessageBytesFor(config.ringBytes()) / 2;
        this.encoder = new TaskEncoder(config.allowList(), payloadLimit);
        this.dispatcher = new Dispatcher(config.maxTasksPerChild(), encoder);
        this.callbacks = new Callbacks(config.name());
        int slots = WorkerSet.slotCount(config.processes());
        this.control = SharedRegion.create(RegionKind.POOL, PoolLayout.VERSION, PoolLayout.payloadBytes(slots),
                r -> r.putInt(PoolLayout.SLOT_COUNT_OFFSET, slots));
        this.doorbell = new EventCount(control, PoolLayout.DOORBELL_OFFSET);
        this.workers = new WorkerSet(config, control);
        ThreadPoolExecutor threads = new ThreadPoolExecutor(config.processes(), config.processes(), STARTER_IDLE_SECONDS,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "nativeipc-pool-" + config.name() + "-starter");
                    t.setDaemon(true);
                    return t;
                });
        threads.allowCoreThreadTimeOut(true);
        this.starter = threads;
    }

    /** Starts the result collector and, in the background, the workers. */
    void start() {
        Thread thread = new Thread(new ResultCollector(this), "nativeipc-pool-" + config.name() + "-results");
        thread.setDaemon(true);
        collector = thread;
        thread.start();
        lock.lock();
        try {
            startMissingWorkers();
        } finally {
            unlock();
        }
    }

    /**
     * Under the lock: starts workers (on starter threads, all at once) while the pool is short of
     * them — at the start, after a death, when one retires — unless it is ending or broken.
     */
    private void startMissingWorkers() {
        boolean wanted = state == State.RUNNING || state == State.CLOSED && !dispatcher.isEmpty();
        int slot;
        while (wanted && broken == null && workers.usable() < config.processes() && (slot = workers.reserveSlot()) >= 0) {
            String name = workers.nextName();
            int reserved = slot;
            starter.execute(() -> startWorker(reserved, name));
        }
    }

    /** On a starter thread: starts one worker and makes it active, or counts a failure to start. */
    private void startWorker(int slot, String name) {
        Worker w;
        try {
            w = workers.start(slot, name, encoder.allowed());
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.WARNING, "pool " + config.name() + " could not start worker " + name, e);
            lock.lock();
            try {
                workers.releaseSlot(slot);
                if (workers.failedToBoot() && broken == null) {
                    breakPool("the workers of pool " + config.name() + " cannot start (" + e.getMessage()
                            + "): check the pool's jvmOptions", e);
                }
                startMissingWorkers();
            } finally {
                unlock();
            }
            kick();
            return;
        }
        lock.lock();
        try {
            workers.add(w);
            if (state == State.TERMINATING || state == State.TERMINATED) {
                w.process.terminate();
            }
        } finally {
            unlock();
        }
        kick();
        // The result thread handles an exit at once rather than at the end of its sleep slice:
        // join() after close() returns as soon as the last worker has ended.
        w.process.onExit().whenComplete((process, error) -> kick());
    }

    /** True on the result collector's thread (where waiting for a result would wait forever). */
    boolean onCollectorThread() {
        return Thread.currentThread() == collector;
    }

    Worker[] active() {
        return workers.active();
    }

    State state() {
        return state;
    }

    int nextFunctionId() {
        return functionIds.incrementAndGet();
    }

    /** Most bytes one task or chunk may take encoded (half a message: definitions need room too). */
    int payloadLimit() {
        return payloadLimit;
    }

    /** Wakes the result collector (the state changed, a worker was added). */
    void kick() {
        kicks.incrementAndGet();
        doorbell.signalAll();
    }

    long kicks() {
        return kicks.get();
    }

    /** Encodes {@code task} for sending; throws if it cannot travel (see {@link TaskEncoder}). */
    TaskEncoder.Encoded encode(Object task, String what) {
        return encoder.encode(task, what);
    }

    /** Queues {@code work} and dispatches; refused once the pool is closed or broken. */
    void submit(Work work) {
        lock.lock();
        try {
            if (state != State.RUNNING) {
                throw broken != null ? new BrokenPoolException(broken.getMessage(), broken.getCause())
                        : new RejectedExecutionException("pool " + config.name() + " is " + state.name().toLowerCase()
                        + ": it takes no new tasks (close(), shutdown() or terminate() was called)");
            }
            dispatcher.add(work);
            dispatcher.dispatch(workers.active(), rejected, true);
            startMissingWorkers();
        } finally {
            unlock();
        }
    }

    /**
     * {@code call}'s future was cancelled: if it is in a worker and not started, the worker is told
     * to skip it; if it is running and {@code interrupt}, the worker is killed (see {@link TaskFuture}).
     */
    void cancelled(Work.Call call, boolean interrupt) {
        lock.lock();
        try {
            Worker w = call.owner;
            if (w == null || w.exited || call.seq == 0) {
                return; // still waiting here: the dispatcher drops it
            }
            int startedOffset = PoolLayout.slotField(w.slot, PoolLayout.STARTED_OFFSET);
            long started = control.getLongAcquire(startedOffset);
            if (call.seq > started) {
                dispatcher.sendCancel(w, call.seq);
                started = control.getLongAcquire(startedOffset); // it may have started before the cancel was sent
            }
            if (interrupt && call.seq == started && w.inFlight.peekFirst() == call) {
                LOG.log(System.Logger.Level.INFO, "pool {0}: cancel(true) of {1}, running in worker {2}: ending that worker",
                        config.name(), call.describe(), w.name);
                w.killedForCancel = true;
                w.process.kill();
            }
        } finally {
            unlock();
        }
    }

    /** A run finished: its function may be forgotten by the workers that have it. */
    void runFinished(MapRun run) {
        lock.lock();
        try {
            for (Worker w : workers.active()) {
                if (w.functions.remove(run.fid)) {
                    w.toForget.add(run.fid);
                }
            }
        } finally {
            unlock();
        }
    }

    // ---- what the collector reports -------------------------------------------------------------

    /** Results arrived from {@code w}: account for them, note its readiness, refill it. */
    void answered(Worker w, int units, int statTasks, long busyNanos, boolean ready, Throwable initFailure) {
        lock.lock();
        try {
            w.outstandingUnits -= units;
            w.ringFull = false;
            w.progressAt = System.nanoTime();
            if (ready && !w.ready) {
                w.ready = true;
                workers.becameReady();
                readiness.signalAll();
            }
            if (statTasks > 0) {
                dispatcher.recordStats(units, busyNanos);
            }
            if (initFailure != null && broken == null) {
                breakPool("the initializer failed in worker " + w.name + " (pid " + w.pid() + "): " + initFailure
                        + "; the pool takes no tasks", initFailure);
            }
            dispatch();
        } finally {
            unlock();
        }
    }

    /**
     * {@code w} has ended and its results are drained: fail the unit it had started, send the
     * ones it had not to other workers, and count a death before readiness.
     */
    void exited(Worker w, boolean retiredCleanly) {
        int code = w.exitCode();
        long started = control.getLongAcquire(PoolLayout.slotField(w.slot, PoolLayout.STARTED_OFFSET));
        List<Work> died = new ArrayList<>();
        lock.lock();
        try {
            w.exited = true;
            workers.remove(w);
            List<Work> back = new ArrayList<>();
            for (Work work : w.inFlight) {
                (work.seq <= started ? died : back).add(work);
            }
            w.inFlight.clear();
            boolean stopping = state == State.TERMINATING || state == State.TERMINATED;
            if (stopping) {
                fail(back, cancellation());
            } else {
                dispatcher.addFirst(back);
            }
            if (!stopping && !w.killedForCancel && !(code == 0 && (retiredCleanly || w.shutdownSent))) {
                LOG.log(System.Logger.Level.WARNING, "pool {0}: worker {1} (pid {2}) ended with exit code {3}: {4} task(s)"
                        + " failed, {5} sent to other workers", config.name(), w.name, String.valueOf(w.pid()), String.valueOf(code),
                        String.valueOf(died.size()), String.valueOf(back.size()));
                if (!w.ready && workers.failedToBoot() && broken == null) {
                    breakPool("the workers of pool " + config.name() + " end before they are ready (the last, pid " + w.pid()
                            + ", with exit code " + code + "; its stderr is above): check the pool's jvmOptions and initializer", null);
                }
            }
            dispatch();
        } finally {
            unlock();
        }
        for (Work d : died) {
            d.fail(new WorkerDiedException(w.name, w.pid(), code, d.describe()));
        }
        w.release();
    }

    /** Kills workers that outlived their grace after terminate; returns how long to wait until then. */
    long enforceTermination() {
        if (state != State.TERMINATING) {
            return Long.MAX_VALUE;
        }
        long left = killDeadline - System.nanoTime();
        if (left <= 0) {
            for (Worker w : workers.active()) {
                w.process.kill();
            }
            return Long.MAX_VALUE;
        }
        return left;
    }

    /** True once the pool has terminated: no worker left and nothing left to do (collector thread). */
    boolean finishIfDone() {
        lock.lock();
        try {
            if (state == State.TERMINATED) {
                return true;
            }
            if (state == State.RUNNING || workers.active().length > 0 || workers.starting() > 0
                    || state == State.CLOSED && !dispatcher.isEmpty()) {
                return false;
            }
            state = State.TERMINATED;
            fail(dispatcher.drain(), cancellation());
        } finally {
            unlock();
        }
        control.close();
        starter.shutdown();
        callbacks.shutdown(terminated);
        return true;
    }

    /**
     * Waits until {@link PoolConfig#processes()} workers are ready (booted, attached, initializer
     * run), at most {@code nanos}; false if the time ran out or the pool stopped running first.
     *
     * @throws BrokenPoolException if the pool broke (its workers cannot start)
     */
    boolean awaitReady(long nanos) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (true) {
                if (broken != null) {
                    throw new BrokenPoolException(broken.getMessage(), broken.getCause());
                }
                if (workers.readyCount() >= config.processes()) {
                    return true;
                }
                if (state != State.RUNNING || nanos <= 0) {
                    return false;
                }
                nanos = readiness.awaitNanos(nanos);
            }
        } finally {
            unlock();
        }
    }

    // ---- closing ----------------------------------------------------------------------------------

    void close() {
        lock.lock();
        try {
            if (state == State.RUNNING) {
                state = State.CLOSED;
                readiness.signalAll();
                dispatch();
            }
        } finally {
            unlock();
        }
        kick();
    }

    /** Stops every worker now; returns the tasks that were waiting in the parent and never started. */
    List<Object> terminate() {
        List<Object> neverStarted = new ArrayList<>();
        lock.lock();
        try {
            if (state == State.TERMINATING || state == State.TERMINATED) {
                return neverStarted;
            }
            List<Work> waiting = dispatcher.drain();
            for (Work w : waiting) {
                if (w instanceof Work.Call call && !call.abandoned()) {
                    neverStarted.add(call.task);
                }
            }
            fail(waiting, cancellation());
            stopWorkers();
        } finally {
            unlock();
        }
        kick();
        return neverStarted;
    }

    /** Under the lock: fails everything in flight and asks every worker to end. */
    private void stopWorkers() {
        state = State.TERMINATING;
        readiness.signalAll();
        killDeadline = System.nanoTime() + TERMINATE_GRACE_NANOS;
        for (Worker w : workers.active()) {
            fail(new ArrayList<>(w.inFlight), broken != null ? broken : cancellation());
            w.process.terminate();
        }
    }

    private void breakPool(String message, Throwable cause) {
        broken = new BrokenPoolException(message, cause);
        fail(dispatcher.drain(), broken);
        stopWorkers();
        kick();
    }

    private CancellationException cancellation() {
        return new CancellationException("pool " + config.name() + " was terminated before the task finished");
    }

    /**
     * Under the lock: sends what can be sent; once closed and drained, asks idle workers to exit;
     * starts workers the pool is short of.
     */
    private void dispatch() {
        dispatcher.dispatch(workers.active(), rejected, false);
        startMissingWorkers();
        if (state == State.CLOSED && dispatcher.isEmpty()) {
            for (Worker w : workers.active()) {
                if (!w.shutdownSent && !w.exited) {
                    dispatcher.sendShutdown(w);
                }
            }
        }
    }

    private void fail(List<Work> works, Throwable error) {
        for (Work w : works) {
            failing.add(new Failing(w, error));
        }
    }

    /** Unlocks, then fails what was collected while locked. */
    private void unlock() {
        List<Failing> now = List.of();
        if (lock.getHoldCount() == 1 && (!failing.isEmpty() || !rejected.isEmpty())) {
            now = new ArrayList<>(failing);
            for (Work w : rejected) {
                now.add(new Failing(w, new IllegalArgumentException(w.describe() + " does not fit in a pool message with the"
                        + " definitions it needs: build the pool with maxMessageBytes(...) larger")));
            }
            failing.clear();
            rejected.clear();
        }
        lock.unlock();
        for (Failing f : now) {
            f.work().fail(f.error());
        }
    }

    /** Live state, for the pool's toString. */
    String describe() {
        lock.lock();
        try {
            return state.name().toLowerCase() + ", workers=" + List.of(workers.active()) + ", waiting=" + dispatcher.size()
                    + ", window=" + dispatcher.window();
        } finally {
            unlock();
        }
    }
}
