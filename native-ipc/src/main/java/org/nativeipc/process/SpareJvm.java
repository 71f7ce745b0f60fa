package org.nativeipc.process;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One child JVM started ahead of need — Java's answer to Python's forkserver. A JVM takes tens
 * of milliseconds to boot; after a process's first {@link ChildProcess#start()} (or
 * {@link ChildProcess#warmUp}), a spare JVM with the same command line is booted in the
 * background and waits on its task pipe, so the next {@code start()} only has to send the task.
 * Each use starts a new spare; a burst of starts takes the spares as fast as they are spawned,
 * so no JVM is booted for nothing.
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

    private static final AtomicReference<Spare> SPARE = new AtomicReference<>();
    private static final AtomicBoolean REFILLING = new AtomicBoolean();
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
        refillInBackground(command);
        return child;
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

    private static void refillInBackground(List<String> command) {
        if (REFILLING.compareAndSet(false, true)) {
            BOOTER.execute(() -> {
                try {
                    if (SPARE.get() == null) {
                        install(new Spare(command, RunningChild.spawn(command)));
                    }
                } catch (RuntimeException e) {
                    // The next start() spawns cold and reports any real problem.
                } finally {
                    REFILLING.set(false);
                }
            });
        }
    }

    private static void install(Spare fresh) {
        Spare previous = SPARE.getAndSet(fresh);
        if (previous != null) {
            previous.child().discard();
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
