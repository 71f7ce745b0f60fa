package org.nativeipc.pool;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Where {@code applyAsync}'s callbacks run: one thread of the pool's own, in the parent, so
 * that — as in Python, where they run in the pool's result-handler thread — callbacks never run
 * at the same time as each other and may share state without locks. Unlike Python's, a slow
 * callback does not hold up the delivery of other results. The thread starts on first use and
 * ends when the pool has terminated and every callback has run.
 */
final class Callbacks {
    private static final System.Logger LOG = System.getLogger(Callbacks.class.getPackageName());
    private final String poolName;
    private volatile ExecutorService executor;

    Callbacks(String poolName) {
        this.poolName = poolName;
    }

    /**
     * A future that completes with {@code source}'s outcome once the matching callback has run;
     * if the callback throws, it completes with that exception instead.
     */
    <R> CompletableFuture<R> attach(CompletableFuture<R> source, Consumer<? super R> callback,
                                    Consumer<? super Throwable> errorCallback) {
        CompletableFuture<R> after = new CompletableFuture<>();
        source.whenComplete((value, error) -> executor().execute(() -> {
            try {
                if (error == null) {
                    if (callback != null) {
                        callback.accept(value);
                    }
                    after.complete(value);
                } else {
                    if (errorCallback != null) {
                        errorCallback.accept(error);
                    }
                    after.completeExceptionally(error);
                }
            } catch (RuntimeException | Error e) {
                LOG.log(System.Logger.Level.WARNING, "a callback of pool " + poolName + " threw", e);
                after.completeExceptionally(e);
            }
        }));
        return after;
    }

    private ExecutorService executor() {
        ExecutorService e = executor;
        if (e == null) {
            synchronized (this) {
                e = executor;
                if (e == null) {
                    ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, "nativeipc-pool-" + poolName + "-callbacks");
                        t.setDaemon(true);
                        return t;
                    }, (late, shutDown) -> late.run()); // after the end, a late callback runs where it was completed
                    executor = e = pool;
                }
            }
        }
        return e;
    }

    /** Completes {@code done} once every callback queued so far has run. */
    void shutdown(CompletableFuture<Void> done) {
        ExecutorService e;
        synchronized (this) {
            e = executor;
        }
        if (e == null) {
            done.complete(null);
            return;
        }
        e.execute(() -> done.complete(null));
        e.shutdown();
    }
}
