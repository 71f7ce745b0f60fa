package org.nativeipc.process;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.nativeipc.internal.posix.NativeCallException;

/**
 * The end of {@link ChildProcess#start()}: it returns once the child reports its task
 * deserialized and about to run ({@link BootstrapProtocol#STARTED}), and throws a
 * {@link ChildStartException} — with the child's own error text and the fix — if the child ends
 * first or stays silent past the start timeout (system property {@value #TIMEOUT_PROPERTY}, in
 * seconds, default {@value #DEFAULT_TIMEOUT_SECONDS}). So no parent waits forever on a child
 * that never ran its task.
 */
final class ChildStart {
    /** System property: seconds a child may take to boot and read its task (may be fractional). */
    static final String TIMEOUT_PROPERTY = "nativeipc.child.startTimeout";
    /** Generous: a cold JVM boots in well under a second, even on a loaded small machine. */
    static final long DEFAULT_TIMEOUT_SECONDS = 60;
    /** After a failed child ends, how long to wait for the rest of its stderr. */
    private static final long STDERR_DRAIN_MILLIS = 2_000;
    /** After killing a silent child, how long to wait for its reaping. */
    private static final long KILLED_REAP_MILLIS = 10_000;
    private static final String CLASS_PATH_FIX = "set the child's class path with ChildProcess.classPath(...) or -D"
            + ChildLaunch.CLASS_PATH_PROPERTY + "=<entries separated by '" + java.io.File.pathSeparator + "'>";

    /** Options whose value is a list of paths. */
    private static final java.util.Set<String> PATH_OPTIONS = java.util.Set.of("-cp", "-classpath", "--class-path",
            "--module-path", "-p");

    private ChildStart() {
    }

    /** The start timeout from {@value #TIMEOUT_PROPERTY}. */
    static Duration timeout() {
        String value = System.getProperty(TIMEOUT_PROPERTY);
        if (value == null || value.isBlank()) {
            return Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS);
        }
        try {
            double seconds = Double.parseDouble(value.strip());
            if (seconds > 0) {
                return Duration.ofNanos((long) (seconds * TimeUnit.SECONDS.toNanos(1)));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + TIMEOUT_PROPERTY + "=" + value
                + " is not a positive number of seconds: give, for example, 60");
    }

    /**
     * Waits until {@code child} runs its task.
     *
     * @throws ChildStartException if it ended first or did not report within the timeout
     */
    static void awaitTaskStarted(String name, RunningChild child, List<String> command) {
        Duration timeout = timeout();
        waitUninterruptibly(CompletableFuture.anyOf(child.taskStarted(), child.exit()), timeout.toMillis());
        if (child.taskStarted().isDone()) {
            return;
        }
        if (!child.exit().isDone()) {
            child.signal(Signal.SIGKILL);
            waitUninterruptibly(child.exit(), KILLED_REAP_MILLIS);
            throw new ChildStartException("cannot start " + name + ": its JVM (pid " + child.pid()
                    + ") did not report its task running within " + timeout.toSeconds() + " s, and was killed."
                    + " If the machine is that busy or the task that large, raise -D" + TIMEOUT_PROPERTY
                    + "=<seconds>; otherwise see what the task's classes do when they load or deserialize."
                    + describe(command, false), child.bootErrorText(0), exitCode(child));
        }
        throw ended(name, child, command);
    }

    /** A spawn that failed: no child at all. */
    static ChildStartException spawnFailed(String name, List<String> command, NativeCallException e) {
        ChildStartException failure = new ChildStartException("cannot start " + name + ": " + e.getMessage()
                + ". Check that " + command.get(0) + " exists and is executable, and that the system allows"
                + " another process." + describe(command, false), "", null);
        failure.initCause(e);
        return failure;
    }

    private static ChildStartException ended(String name, RunningChild child, List<String> command) {
        Integer code = exitCode(child);
        String ending = "cannot start " + name + ": its JVM (pid " + child.pid() + ") exited"
                + (code == null ? "" : " with code " + code) + " before it ran its task";
        String failure = child.taskFailure();
        if (failure != null) {
            return new ChildStartException(ending + ", because it could not read the task: " + causes(failure)
                    + ". " + taskFix(failure)
                    + describe(command, isClassProblem(failure)), failure, code);
        }
        String printed = child.bootErrorText(STDERR_DRAIN_MILLIS);
        return new ChildStartException(ending + ". " + bootFix(printed) + describe(command, isClassPathProblem(printed))
                + (printed.isEmpty() ? "" : "\nThe child printed:\n" + printed), printed, code);
    }

    /** The exception and its root cause, from a stack trace: the lines that say what went wrong. */
    private static String causes(String trace) {
        String first = trace.lines().findFirst().orElse("");
        String root = trace.lines().filter(line -> line.startsWith("Caused by: ")).reduce((a, b) -> b).orElse("");
        return root.isEmpty() ? first : first + " (" + root + ")";
    }

    private static boolean isClassProblem(String failure) {
        return failure.contains("ClassNotFoundException") || failure.contains("NoClassDefFoundError")
                || failure.contains("InvalidClassException");
    }

    private static String taskFix(String failure) {
        if (failure.contains("ClassNotFoundException") || failure.contains("NoClassDefFoundError")) {
            return "A class of the task is missing from the child's class path: " + CLASS_PATH_FIX + ".";
        }
        if (failure.contains("InvalidClassException")) {
            return "A class of the task differs between this JVM and the child (another version on its class path): "
                    + CLASS_PATH_FIX + ".";
        }
        return "The task's classes failed while they were loaded or deserialized in the child; the stack trace"
                + " is in childError().";
    }

    private static boolean isClassPathProblem(String printed) {
        return printed.contains("Could not find or load main class") || printed.contains("FindException")
                || printed.contains("Module " + ChildBootstrap.class.getModule().getName() + " not found");
    }

    private static String bootFix(String printed) {
        if (isClassPathProblem(printed)) {
            return "The child JVM cannot find native-ipc: " + CLASS_PATH_FIX + ".";
        }
        if (printed.contains("Unrecognized") || printed.contains("Could not create the Java Virtual Machine")
                || printed.contains("Error occurred during initialization of VM")) {
            return "The child JVM refused its options: check ChildProcess.jvmOptions(...) and -D"
                    + ChildCommand.EXTRA_OPTIONS_PROPERTY + ".";
        }
        return "See what it printed, and its exit code.";
    }

    /** The command line; class and module paths shortened to their entry counts unless {@code paths}. */
    private static String describe(List<String> command, boolean paths) {
        StringBuilder s = new StringBuilder(" Command: ");
        for (int i = 0; i < command.size(); i++) {
            String argument = command.get(i);
            boolean isPath = i > 0 && PATH_OPTIONS.contains(command.get(i - 1));
            s.append(i == 0 ? "" : " ").append(isPath && !paths
                    ? "<" + argument.split(java.io.File.pathSeparator).length + " entries>" : argument);
        }
        return s.toString();
    }

    private static Integer exitCode(RunningChild child) {
        CompletableFuture<Integer> exit = child.exit();
        return exit.isDone() && !exit.isCompletedExceptionally() ? exit.join() : null;
    }

    /** Waits at most {@code millis} for {@code future}; an interrupt is kept for the caller. */
    private static void waitUninterruptibly(CompletableFuture<?> future, long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException | TimeoutException e) {
                    return;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
