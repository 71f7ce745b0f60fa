package org.nativeipc.pool;

import java.util.concurrent.RejectedExecutionException;

/**
 * The pool cannot run tasks any more: its initializer failed in a worker, or its workers keep
 * dying before they are ready (a JVM option they cannot start with, say). Tasks waiting in the
 * pool fail with it, and new ones are refused with it. The cause, when there is one, is the
 * initializer's exception as thrown in the worker.
 */
public final class BrokenPoolException extends RejectedExecutionException {
    /** Serial form version. */
    private static final long serialVersionUID = 1L;

    /**
     * A broken-pool exception.
     *
     * @param message what broke the pool, and what to do
     * @param cause the worker's exception, or null
     */
    public BrokenPoolException(String message, Throwable cause) {
        super(message, cause);
    }
}
