package org.nativeipc.process;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One child JVM started ahead of need — Java's answer to Python's forkserver. A JVM takes tens
 * of milliseconds to boot; after a process's first {@link ChildProcess#start()} (or
 * {@link ChildProcess#warmUp}), a spare JVM with the same command line is booted in the
 * background and waits on its task pipe, so the next {@code start()} only has to send the task.
 * Each use boots a new spare, soon after (see {@link #refillSoon}); starts that come faster than
 * that get cold JVMs, and no JVM is booted for nothing.
 *
 * <p>A spare costs one idle JVM (tens of MB of memory, no CPU once booted). It ends by itself
 * when this JVM ends, because its task pipe closes. Set the system property
 * {@value #PROPERTY} to {@code false} to start every child cold.
 */
final class SpareJvm {
    /** System property: {@code false} disables spare JVMs. */
    static final String PROPERTY = "nativeipc.child.spare";

    private record Spare(List<String> command, RunningChild child) {
    }

    private static final System.Logger LOG = System.getLogger(SpareJvm.class.getPackageName());
    /** After a spare ended before its use, how long to wait for the rest of its stderr. */
    private static final long STDERR_DRAIN_MILLIS = 1_000;
    private static final AtomicReference<Spare> SPARE = new AtomicReference<>();
    /** Longest wait before the next spare boots after one was handed out. */
    static final long REFILL_DELAY_MILLIS = 100;
    private static final ExecutorService BOOTER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "nativeipc-spare-booter");
        t.setDaemon(true);
        return t;
    });

    private SpareJvm() {
    }

    static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true"));
    }

    /**
     * A booting or booted child JVM for {@code command}: the spare if it matches and still
     * lives, else a newly spawned one. Either way a new spare is prepared in the background.
     */
    static RunningChild take(List<String> command) {
        if (!enabled()) {
            return RunningChild.spawn(command);
        }
        Spare spare = SPARE.getAndSet(null);
        RunningChild child;
        if (spare != null && spare.command().equals(command) && !spare.child().exit().isDone()) {
            child = spare.child();
        } else {
            if (spare != null) {
                spare.child().discard();
            }
            child = RunningChild.spawn(command);
        }
        refillSoon(command, child);
        return child;
    }

    /**
     * Ensures a spare for {@code command} and waits at most {@code timeout} until it is ready.
     *
     * @return true if a spare JVM is ready
     */
    static boolean warmUp(List<String> command, Duration timeout) throws InterruptedException {
        RunningChild spare = ensure(command);
        try {
            spare.ready().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        }
        return !spare.exit().isDone();
    }

    /** The spare for {@code command}, spawned now if there is none (for warming up). */
    static RunningChild ensure(List<String> command) {
        Spare spare = SPARE.get();
        if (spare != null && spare.command().equals(command) && !spare.child().exit().isDone()) {
            return spare.child();
        }
        Spare fresh = new Spare(command, RunningChild.spawn(command));
        install(fresh);
        return fresh.child();
    }

    /**
     * Boots the next spare once the child just handed out has ended, or
     * {@link #REFILL_DELAY_MILLIS} after it booted, whichever comes first: a JVM booting beside a
     * short-lived child would take CPU from it (on two cores, a start+join took 40% longer). A
     * command whose child could not boot gets no spare: its start() has already reported why.
     */
    private static void refillSoon(List<String> command, RunningChild taken) {
        taken.ready().thenRun(() -> {
            if (!taken.booted()) {
                return;
            }
            Runnable refill = () -> refillNow(command);
            CompletableFuture.runAsync(refill, CompletableFuture.delayedExecutor(REFILL_DELAY_MILLIS, TimeUnit.MILLISECONDS, BOOTER));
            taken.exit().thenRunAsync(refill, BOOTER);
        });
    }

    /** Runs on the booter thread only, so two refills never race. */
    private static void refillNow(List<String> command) {
        if (SPARE.get() != null) {
            return;
        }
        try {
            install(new Spare(command, RunningChild.spawn(command)));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not spawn a spare child JVM (" + e.getMessage()
                    + "); the next ChildProcess.start() starts a cold JVM and reports any lasting problem", e);
        }
    }

    private static void install(Spare fresh) {
        Spare previous = SPARE.getAndSet(fresh);
        if (previous != null) {
            previous.child().discard();
        }
        fresh.child().exit().whenComplete((code, error) -> {
            if (SPARE.compareAndSet(fresh, null)) {
                reportEndedUnused(fresh.child(), code);
            }
        });
    }

    /** A spare that ended while still waiting to be used: it failed to boot, or was killed. */
    private static void reportEndedUnused(RunningChild child, Integer code) {
        if (!child.booted()) {
            String printed = child.bootErrorText(STDERR_DRAIN_MILLIS);
            LOG.log(System.Logger.Level.WARNING, "a spare child JVM (pid " + child.pid() + ") failed to boot"
                    + (code == null ? "" : " and exited with code " + code)
                    + (printed.isEmpty() ? "" : ": " + printed)
                    + "; the next ChildProcess.start() starts a cold JVM and reports the error");
        } else {
            LOG.log(System.Logger.Level.WARNING, "a spare child JVM (pid " + child.pid() + ") ended while waiting for a task"
                    + (code == null ? "" : ", with exit code " + code) + "; a new one boots at the next start()");
        }
    }

    /** Lets the current spare, if any, exit (at this JVM's exit). */
    static void discard() {
        Spare spare = SPARE.getAndSet(null);
        if (spare != null) {
            spare.child().discard();
        }
    }
}
