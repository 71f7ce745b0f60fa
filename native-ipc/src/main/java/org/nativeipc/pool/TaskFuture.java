package org.nativeipc.pool;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The future of a task sent on its own, which honours {@link #cancel(boolean)} as
 * {@link java.util.concurrent.Future} describes it — a plain {@code CompletableFuture} ignores
 * {@code mayInterruptIfRunning}: a task still waiting is dropped (if already sent, the worker is
 * told to skip it), and {@code cancel(true)} of a task that is running ends its worker process,
 * which the pool replaces — the only way to stop Java code in another JVM. With
 * {@code cancel(false)} a running task finishes and its result is dropped.
 *
 * <p>Its {@code get} and {@code join} first give the CPU away ({@link Thread#yield()}) for up to
 * {@link #YIELD_NANOS}, looking again each time, and only then park: a short task's result
 * usually arrives within microseconds, and a parked thread costs the result thread a wake-up
 * call and itself a trip through the scheduler (on a loaded machine, far longer than the task).
 */
final class TaskFuture extends CompletableFuture<Object> {
    /** How long a waiting thread yields before it parks. */
    static final long YIELD_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    private final PoolCore core;
    private volatile Work.Call call;

    TaskFuture(PoolCore core) {
        this.core = core;
    }

    void bind(Work.Call call) {
        this.call = call;
    }

    @Override
    public Object get() throws InterruptedException, ExecutionException {
        yieldUntilDone(YIELD_NANOS);
        return super.get();
    }

    @Override
    public Object get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        yieldUntilDone(Math.min(YIELD_NANOS, unit.toNanos(timeout)));
        return super.get(timeout, unit);
    }

    @Override
    public Object join() {
        yieldUntilDone(YIELD_NANOS);
        return super.join();
    }

    private void yieldUntilDone(long nanos) {
        long end = System.nanoTime() + nanos;
        while (!isDone() && System.nanoTime() - end < 0) {
            Thread.yield();
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        Work.Call c = call;
        if (cancelled && c != null) {
            core.cancelled(c, mayInterruptIfRunning);
        }
        return cancelled;
    }
}
