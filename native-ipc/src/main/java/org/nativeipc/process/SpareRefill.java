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
 *
 * <p>A refill that is due then waits for a processor to be free: it boots once a look of
 * {@link #IDLE_LOOK_MILLIS} saw at least one processor's worth of idle time
 * ({@link IdleProcessors}), or {@link #LONGEST_DEFERRAL_MILLIS} after it was due. A spare JVM
 * takes some 0.5-0.9 s of CPU to boot; on two cores, the two spares that replaced a new pool's
 * workers took most of a core for the pool's first two seconds, while its JVMs compiled their
 * paths (10 k {@code applyAsync} + {@code get}: 70 k and 238 k tasks/s in its first two seconds,
 * 209 k and 686 k without the refill). A start that comes meanwhile begins a new burst, whose
 * own refill replaces the one waiting.
 */
final class SpareRefill {
    /** No start for this long (and every taken child running its task, past its start-up) ends a burst. */
    static final long QUIET_MILLIS = 200;
    /** A burst counts as over this long after its last start, whatever its children do. */
    static final long LONGEST_WAIT_MILLIS = 5_000;
    /** A due refill looks this long at the machine's idle time before it boots (see the class comment). */
    static final long IDLE_LOOK_MILLIS = 200;
    /** A due refill boots at the latest this long after it was due, however busy the processors. */
    static final long LONGEST_DEFERRAL_MILLIS = 20_000;

    private final Executor refills;
    // Guarded by this.
    private final List<RunningChild> taken = new ArrayList<>();
    private long lastTakeNanos;
    /** Takes so far: a due refill of an older burst is dropped (the newer burst refills). */
    private long takes;
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
            takes++;
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
        long burst;
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
            burst = takes;
        }
        if (due != null) {
            refillWhenIdle(due, burst, System.nanoTime(), IdleProcessors.look());
        }
    }

    /**
     * Hands {@code due} to the executor once a processor is free (see the class comment), unless
     * a start came after burst {@code burst} (the count of takes it ended with).
     */
    private void refillWhenIdle(Runnable due, long burst, long dueSince, IdleProcessors.Look before) {
        Runnable look = () -> {
            synchronized (this) {
                if (takes != burst) {
                    return;
                }
            }
            IdleProcessors.Look now = IdleProcessors.look();
            double idle = IdleProcessors.idleBetween(before, now, Runtime.getRuntime().availableProcessors());
            if (mayBoot(idle, System.nanoTime() - dueSince)) {
                refills.execute(due);
            } else {
                refillWhenIdle(due, burst, dueSince, now);
            }
        };
        CompletableFuture.runAsync(look, CompletableFuture.delayedExecutor(IDLE_LOOK_MILLIS, TimeUnit.MILLISECONDS));
    }

    /**
     * Whether a due refill boots now.
     *
     * @param idleProcessors processors' worth of idle time in the last look (NaN: unknown)
     * @param deferredNanos how long the refill has been due
     */
    static boolean mayBoot(double idleProcessors, long deferredNanos) {
        return !(idleProcessors < 1) || deferredNanos >= TimeUnit.MILLISECONDS.toNanos(LONGEST_DEFERRAL_MILLIS);
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
