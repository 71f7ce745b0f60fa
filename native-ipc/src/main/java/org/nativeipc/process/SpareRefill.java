package org.nativeipc.process;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * When the spare JVMs taken by a burst of starts are replaced: once the burst is over, so that
 * the replacements do not take the CPU from the burst's children while these read their tasks.
 * On two cores, twenty JVMs booting beside twenty starting children made a burst with spares
 * about as slow as a burst of cold JVMs.
 *
 * <p>A burst is over when every child taken since the last refill has ended; or when no start
 * came for {@link #QUIET_MILLIS} and every child taken has started its task (or ended) and is
 * past its start-up (a pool worker: ready; see {@link RunningChild#startedUp()}); or, at
 * the latest, {@link #LONGEST_WAIT_MILLIS} after the last start, so that a child that hangs before
 * its task (or a slow pool initializer) does not stop the refills. A refill boots at most
 * {@link #batchSize} JVMs at once (see {@link SpareJvm}). If a taken child ended without
 * booting, nothing is refilled: its command cannot boot a JVM and its {@code start()} has
 * reported why.
 */
final class SpareRefill {
    /** No start for this long (and every taken child running its task, past its start-up) ends a burst. */
    static final long QUIET_MILLIS = 200;
    /** A burst counts as over this long after its last start, whatever its children do. */
    static final long LONGEST_WAIT_MILLIS = 5_000;

    private final Executor refills;
    // Guarded by this.
    private final List<RunningChild> taken = new ArrayList<>();
    private long lastTakeNanos;
    private Runnable refill;

    /**
     * @param refills where refills run, one at a time
     */
    SpareRefill(Executor refills) {
        this.refills = refills;
    }

    /**
     * Records that a start took {@code child} (a spare or a cold JVM); {@code refill} tops the
     * spares up once the burst is over.
     */
    void taken(RunningChild child, Runnable refill) {
        synchronized (this) {
            taken.add(child);
            lastTakeNanos = System.nanoTime();
            this.refill = refill;
        }
        Runnable check = this::refillIfBurstOver;
        CompletableFuture.runAsync(check, CompletableFuture.delayedExecutor(QUIET_MILLIS, TimeUnit.MILLISECONDS));
        CompletableFuture.runAsync(check, CompletableFuture.delayedExecutor(LONGEST_WAIT_MILLIS, TimeUnit.MILLISECONDS));
        child.startedUp().thenRun(check);
        child.exit().whenComplete((code, error) -> check.run());
    }

    /** Hands the refill to the executor if the burst of takes is over. */
    private void refillIfBurstOver() {
        Runnable due;
        synchronized (this) {
            if (taken.isEmpty()) {
                return;
            }
            int started = 0;
            int ended = 0;
            boolean failedToBoot = false;
            for (RunningChild child : taken) {
                boolean hasEnded = child.exit().isDone();
                ended += hasEnded ? 1 : 0;
                started += hasEnded || child.startedUp().isDone() ? 1 : 0;
                failedToBoot |= hasEnded && !child.booted();
            }
            if (!burstOver(System.nanoTime() - lastTakeNanos, taken.size(), started, ended)) {
                return;
            }
            taken.clear();
            due = failedToBoot ? null : refill;
        }
        if (due != null) {
            refills.execute(due);
        }
    }

    /**
     * Whether a burst of {@code taken} starts is over.
     *
     * @param quietNanos how long ago the last start was
     * @param taken how many children were taken since the last refill (at least one)
     * @param started how many of them have started their task and are past its start-up, or ended
     * @param ended how many of them have ended
     */
    static boolean burstOver(long quietNanos, int taken, int started, int ended) {
        return ended >= taken
                || quietNanos >= TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS) && started >= taken
                || quietNanos >= TimeUnit.MILLISECONDS.toNanos(LONGEST_WAIT_MILLIS);
    }

    /** How many spares boot at once when {@code missing} are missing: at most one per processor. */
    static int batchSize(int missing, int processors) {
        return Math.max(0, Math.min(missing, Math.max(1, processors)));
    }
}
