package org.nativeipc.pool;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/** Waiting in pool tests: always with a timeout, and a failure that says what was waited for. */
final class PoolTesting {
    /** Generous: workers are JVMs that start slowly on a loaded 2-core machine. */
    static final Duration TIMEOUT = Duration.ofSeconds(90);

    private PoolTesting() {
    }

    /** The future's value, within {@link #TIMEOUT}; fails the test (naming {@code what}) otherwise. */
    static <T> T result(CompletableFuture<T> future, String what) throws Exception {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return fail(what + " did not complete within " + TIMEOUT);
        }
    }

    /** The exception the future fails with, within {@link #TIMEOUT}. */
    static Throwable failure(CompletableFuture<?> future, String what) throws InterruptedException {
        try {
            Object value = future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return fail(what + " should have failed, but returned " + value);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.CancellationException e) {
            return e;
        } catch (TimeoutException e) {
            return fail(what + " did not complete within " + TIMEOUT);
        }
    }

    /** Waits until {@code condition} holds, polling, within {@link #TIMEOUT}. */
    static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + TIMEOUT + " waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Closes and joins {@code pool} within {@link #TIMEOUT}, terminating it if that fails. */
    static void closeAndJoin(ProcessPool pool) throws InterruptedException {
        pool.close();
        if (!pool.awaitTermination(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            pool.terminate();
            pool.awaitTermination(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            fail(pool + " did not end within " + TIMEOUT + " after close(); it was terminated");
        }
    }
}
