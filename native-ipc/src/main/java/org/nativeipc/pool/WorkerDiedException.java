package org.nativeipc.pool;

import org.nativeipc.process.Signal;

/**
 * A task's worker process ended while it was running the task (killed by a signal, crashed, or
 * called {@code System.exit}): the task's result is lost. The pool fails only the task (or the
 * {@code map} chunk) that the worker had started, re-sends the tasks it had received but not
 * started to other workers, and replaces the worker; it never waits forever for the lost result.
 */
public final class WorkerDiedException extends RuntimeException {
    /** Serial form version. */
    private static final long serialVersionUID = 1L;

    /** The worker's name. */
    private final String worker;
    /** The worker's process id. */
    private final long pid;
    /** The worker's exit code (−N: signal N). */
    private final int exitCode;

    /**
     * An exception for a task that {@code worker} (process {@code pid}) was running when it
     * ended with {@code exitCode}.
     *
     * @param worker the worker's name
     * @param pid the worker's process id
     * @param exitCode its exit code, Python's convention: −N after death by signal N
     * @param task what the worker was running, for the message
     */
    public WorkerDiedException(String worker, long pid, int exitCode, String task) {
        super("worker " + worker + " (pid " + pid + ") " + describe(exitCode) + " while running " + task
                + ": its result is lost; the pool replaced the worker and carries on");
        this.worker = worker;
        this.pid = pid;
        this.exitCode = exitCode;
    }

    private static String describe(int exitCode) {
        if (exitCode < 0) {
            Signal signal = signalOf(-exitCode);
            return "was killed by " + (signal != null ? signal.name() : "signal " + -exitCode) + " (exit code " + exitCode + ")";
        }
        return "exited with code " + exitCode;
    }

    private static Signal signalOf(int number) {
        try {
            return Signal.ofNumber(number);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    /**
     * The name of the worker that died.
     *
     * @return the worker's name, such as {@code ProcessPool-1-worker-2}
     */
    public String worker() {
        return worker;
    }

    /**
     * The process id the worker had.
     *
     * @return its pid
     */
    public long pid() {
        return pid;
    }

    /**
     * How the worker ended, in Python's convention.
     *
     * @return its exit code: N after {@code System.exit(N)}, −N after death by signal N
     */
    public int exitCode() {
        return exitCode;
    }

    /**
     * True if a signal ended the worker.
     *
     * @return whether {@link #exitCode()} is negative
     */
    public boolean killedBySignal() {
        return exitCode < 0;
    }
}
