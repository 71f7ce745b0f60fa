package org.nativeipc.pool;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.nativeipc.internal.wait.YieldPhase;

/**
 * The future of a task sent on its own, which honours {@link #cancel(boolean)} as
 * {@link java.util.concurrent.Future} describes it — a plain {@code CompletableFuture} ignores
 * {@code mayInterruptIfRunning}: a task still waiting is dropped (if already sent, the worker is
 * told to skip it), and {@code cancel(true)} of a task that is running ends its worker process,
 * which the pool replaces — the only way to stop Java code in another JVM. With
 * {@code cancel(false)} a running task finishes and its result is dropped.
 *
 * <p>Its {@code get} and {@code join} yield the CPU for a while before they park
 * ({@link YieldPhase}): a short task's result usually comes within microseconds, and a parked
 * waiter costs the result thread a wake-up call per completion.
 */
final class TaskFuture extends CompletableFuture<Object> {
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
        YieldPhase.until(this::isDone, YieldPhase.NANOS);
        return super.get();
    }

    @Override
    public Object get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        YieldPhase.until(this::isDone, Math.min(YieldPhase.NANOS, unit.toNanos(timeout)));
        return super.get(timeout, unit);
    }

    @Override
    public Object join() {
        YieldPhase.until(this::isDone, YieldPhase.NANOS);
        return super.join();
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
