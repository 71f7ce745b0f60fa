package org.nativeipc.pool;

import java.util.concurrent.CompletableFuture;

/**
 * The future of a task sent on its own, which honours {@link #cancel(boolean)} as
 * {@link java.util.concurrent.Future} describes it — a plain {@code CompletableFuture} ignores
 * {@code mayInterruptIfRunning}: a task still waiting is dropped (if already sent, the worker is
 * told to skip it), and {@code cancel(true)} of a task that is running ends its worker process,
 * which the pool replaces — the only way to stop Java code in another JVM. With
 * {@code cancel(false)} a running task finishes and its result is dropped.
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
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        Work.Call c = call;
        if (cancelled && c != null) {
            core.cancelled(c, mayInterruptIfRunning);
        }
        return cancelled;
    }
}
