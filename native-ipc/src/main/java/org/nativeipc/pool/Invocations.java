package org.nativeipc.pool;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * {@code invokeAll} and {@code invokeAny} over any way of submitting one task, as
 * {@link java.util.concurrent.AbstractExecutorService} has them, but on the pool's
 * {@link CompletableFuture}s (its tasks are sent to other processes, not wrapped in a
 * {@code FutureTask}).
 */
final class Invocations {
    private Invocations() {
    }

    /** Submits every task (all or none: a task that cannot be sent cancels those before it), waits for all. */
    static <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, Function<Callable<T>, CompletableFuture<T>> submit,
                                         long timeoutNanos) throws InterruptedException {
        List<CompletableFuture<T>> futures = submitAll(tasks, submit);
        long deadline = System.nanoTime() + timeoutNanos;
        for (CompletableFuture<T> f : futures) {
            long left = deadline - System.nanoTime();
            try {
                if (timeoutNanos == Long.MAX_VALUE) {
                    f.get();
                } else if (left > 0) {
                    f.get(left, TimeUnit.NANOSECONDS);
                }
            } catch (ExecutionException | java.util.concurrent.CancellationException failedTask) {
                // the future reports it
            } catch (TimeoutException late) {
                break;
            }
        }
        for (CompletableFuture<T> f : futures) {
            f.cancel(true); // does nothing to those done; the rest were not done in time
        }
        return new ArrayList<>(futures);
    }

    /** Submits every task, returns the first successful result and cancels the others. */
    static <T> T invokeAny(Collection<? extends Callable<T>> tasks, Function<Callable<T>, CompletableFuture<T>> submit,
                           long timeoutNanos) throws InterruptedException, ExecutionException, TimeoutException {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("invokeAny needs at least one task");
        }
        LinkedBlockingQueue<CompletableFuture<T>> done = new LinkedBlockingQueue<>();
        List<CompletableFuture<T>> futures = submitAll(tasks, submit);
        futures.forEach(f -> f.whenComplete((v, e) -> done.add(f)));
        long deadline = System.nanoTime() + timeoutNanos;
        ExecutionException last = null;
        try {
            for (int i = 0; i < futures.size(); i++) {
                CompletableFuture<T> f = timeoutNanos == Long.MAX_VALUE ? done.take()
                        : done.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (f == null) {
                    throw new TimeoutException("none of the " + futures.size() + " tasks succeeded in time");
                }
                try {
                    return f.get();
                } catch (ExecutionException e) {
                    last = e;
                } catch (java.util.concurrent.CancellationException e) {
                    last = new ExecutionException(e);
                }
            }
            throw last;
        } finally {
            futures.forEach(f -> f.cancel(true));
        }
    }

    private static <T> List<CompletableFuture<T>> submitAll(Collection<? extends Callable<T>> tasks,
                                                            Function<Callable<T>, CompletableFuture<T>> submit) {
        Objects.requireNonNull(tasks, "tasks");
        List<CompletableFuture<T>> futures = new ArrayList<>(tasks.size());
        try {
            for (Callable<T> task : tasks) {
                futures.add(submit.apply(Objects.requireNonNull(task, "a task in the collection is null")));
            }
        } catch (RuntimeException e) {
            futures.forEach(f -> f.cancel(false));
            throw e;
        }
        return futures;
    }
}
