package org.nativeipc.process;

import java.util.OptionalInt;

/**
 * Thrown by {@link ChildProcess#start()} when the child never ran its task: no {@code java}
 * to run, a child JVM that could not boot (a bad JVM option, native-ipc not on its class
 * path), a task that the child could not read (a class missing from its class path), or a
 * child that did not report its task running within the start timeout (then it is killed).
 * The message says which, quotes what the child printed and names the fix.
 *
 * <p>The {@link ChildProcess} stays started and ended: {@link ChildProcess#exitCode()} has the
 * child's exit code, and a new {@code ChildProcess} is needed to try again.
 */
public class ChildStartException extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    /** Marks "no exit code" (the child was never spawned). */
    private static final int NO_EXIT_CODE = Integer.MIN_VALUE;

    /** What the child reported: see {@link #childError()}. */
    private final String childError;
    /** The child's exit code, or {@link #NO_EXIT_CODE}. */
    private final int exitCode;

    ChildStartException(String message, String childError, Integer exitCode) {
        super(message);
        this.childError = childError;
        this.exitCode = exitCode == null ? NO_EXIT_CODE : exitCode;
    }

    /**
     * What the child reported before it ended: the {@code java} launcher's error output, or the
     * stack trace of the failure to read the task; empty if it reported nothing.
     *
     * @return the child's own error text, possibly empty
     */
    public String childError() {
        return childError;
    }

    /**
     * The child's exit code, in {@link ChildProcess#exitCode()}'s convention.
     *
     * @return the exit code, or empty if no child process was started
     */
    public OptionalInt exitCode() {
        return exitCode == NO_EXIT_CODE ? OptionalInt.empty() : OptionalInt.of(exitCode);
    }
}
