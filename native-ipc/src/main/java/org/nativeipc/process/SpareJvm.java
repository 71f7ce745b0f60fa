package org.nativeipc.process;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Child JVMs started ahead of need — Java's answer to Python's forkserver. A JVM takes tens of
 * milliseconds to boot; a spare JVM with the same command line, booted in the background and
 * waiting on its task pipe, lets {@link ChildProcess#start()} only send the task.
 *
 * <p><b>How many.</b> As many as the largest burst of starts lately: the most starts that came
 * within {@link #BURST_WINDOW_MILLIS} of each other during the last {@link #IDLE_MILLIS}, at
 * least one while there is any demand, at most {@value #MAX_PROPERTY} (default
 * {@value #DEFAULT_MAX_SPARES}). So a program that starts 20 children at a time finds 20 booted
 * JVMs from its second burst on, one that starts a child now and then keeps one, and none is
 * kept once no child was started (nor {@link ChildProcess#warmUp} called) for
 * {@link #IDLE_MILLIS}. Spares taken are replaced once the burst of starts is over (see
 * {@link SpareRefill}) and a processor is free, at most one booting JVM per processor at a time:
 * a JVM booting beside a starting child takes CPU from it (on two cores, a start+join took 40%
 * longer), and beside a busy program, from that program.
 *
 * <p>A spare costs one idle JVM (tens of MB of memory, no CPU once booted). It ends by itself
 * when this JVM ends, because its task pipe closes. Set the system property {@value #PROPERTY}
 * to {@code false} to start every child cold.
 */
final class SpareJvm {
    /** System property: {@code false} disables spare JVMs. */
    static final String PROPERTY = "nativeipc.child.spare";
    /** System property: the most spare JVMs kept at once. */
    static final String MAX_PROPERTY = "nativeipc.child.maxSpares";
    /** Enough for a burst of 20 starts (the seed's loops start 10; benchmarks 20). */
    static final int DEFAULT_MAX_SPARES = 20;
    /** Starts this close to each other count as one burst. */
    static final long BURST_WINDOW_MILLIS = 2_000;
    /** After this long without a start or warm-up, no spare is kept. */
    static final long IDLE_MILLIS = 60_000;
    /** The trim runs this long after the idle period, so that a start at its end still counts. */
    private static final long TRIM_SLACK_MILLIS = 100;
    /** Longest wait for a batch of spares to boot before the refill boots the next batch. */
    private static final long BATCH_READY_TIMEOUT_MILLIS = 60_000;

    private static final System.Logger LOG = System.getLogger(SpareJvm.class.getPackageName());
    /** After a spare ended before its use, how long to wait for the rest of its stderr. */
    private static final long STDERR_DRAIN_MILLIS = 1_000;
    private static final ExecutorService BOOTER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "nativeipc-spare-booter");
        t.setDaemon(true);
        return t;
    });
    private static final SpareRefill REFILL = new SpareRefill(BOOTER);

    // Guarded by SpareJvm.class.
    private static List<String> command;
    private static final ArrayDeque<RunningChild> SPARES = new ArrayDeque<>();
    /** When the latest starts happened (System.nanoTime), oldest first; at most the maximum. */
    private static final ArrayDeque<Long> STARTS = new ArrayDeque<>();
    private static long lastDemandNanos;
    private static boolean anyDemand;

    private SpareJvm() {
    }

    static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true"));
    }

    static int maxSpares() {
        String value = System.getProperty(MAX_PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULT_MAX_SPARES;
        }
        try {
            int max = Integer.parseInt(value.strip());
            if (max >= 0) {
                return max;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + MAX_PROPERTY + "=" + value
                + " is not a count of spare JVMs: give 0 or more, for example " + DEFAULT_MAX_SPARES);
    }

    /**
     * A booting or booted child JVM for {@code command}: a spare if one matches and still lives,
     * else a newly spawned one. Either way spares are topped up in the background.
     */
    static RunningChild take(List<String> command) {
        if (!enabled()) {
            return RunningChild.spawn(command);
        }
        RunningChild child;
        synchronized (SpareJvm.class) {
            useCommand(command);
            long now = System.nanoTime();
            STARTS.addLast(now);
            while (STARTS.size() > Math.max(1, maxSpares())) {
                STARTS.removeFirst();
            }
            demandAt(now);
            child = takeSpare();
        }
        if (child == null) {
            child = RunningChild.spawn(command);
        }
        REFILL.taken(child, () -> fill(command));
        return child;
    }

    /**
     * Ensures spares for {@code command} (as many as recent demand asks, at least one) and waits
     * at most {@code timeout} until they are ready.
     *
     * @return true if they are all ready
     */
    static boolean warmUp(List<String> command, Duration timeout) throws InterruptedException {
        List<RunningChild> waiting;
        synchronized (SpareJvm.class) {
            useCommand(command);
            demandAt(System.nanoTime());
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            // On the booter thread, so that it never boots beside a refill.
            CompletableFuture.runAsync(() -> fill(command), BOOTER).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            synchronized (SpareJvm.class) {
                waiting = new ArrayList<>(SPARES);
            }
            for (RunningChild spare : waiting) {
                spare.ready().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException | ExecutionException e) {
            return false;
        }
        return !waiting.isEmpty() && waiting.stream().noneMatch(spare -> spare.exit().isDone());
    }

    /** How many spares recent demand asks for (lock held). */
    private static int target(long now) {
        if (!anyDemand || now - lastDemandNanos > TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS)) {
            return 0;
        }
        long[] starts = STARTS.stream().mapToLong(Long::longValue).toArray();
        return Math.min(Math.max(1, largestBurst(starts, now)), maxSpares());
    }

    /**
     * The most of {@code starts} (System.nanoTime values, ascending) that lie within
     * {@link #BURST_WINDOW_MILLIS} of each other, counting only those of the last
     * {@link #IDLE_MILLIS} before {@code now}.
     */
    static int largestBurst(long[] starts, long now) {
        long idle = TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS);
        long window = TimeUnit.MILLISECONDS.toNanos(BURST_WINDOW_MILLIS);
        int largest = 0;
        for (int i = 0, first = 0; i < starts.length; i++) {
            if (now - starts[i] > idle) {
                first = i + 1;
                continue;
            }
            while (starts[i] - starts[first] > window) {
                first++;
            }
            largest = Math.max(largest, i - first + 1);
        }
        return largest;
    }

    /** How many spares there are now, booted or booting (for tests). */
    static synchronized int spareCount() {
        return SPARES.size();
    }

    /** Records demand at {@code now} and schedules the trim once it may have aged (lock held). */
    private static void demandAt(long now) {
        lastDemandNanos = now;
        anyDemand = true;
        CompletableFuture.runAsync(SpareJvm::trim,
                CompletableFuture.delayedExecutor(IDLE_MILLIS + TRIM_SLACK_MILLIS, TimeUnit.MILLISECONDS, BOOTER));
    }

    /** Spares for another command are of no use any more (lock held). */
    private static void useCommand(List<String> wanted) {
        if (!wanted.equals(command)) {
            discardSpares();
            STARTS.clear();
            command = wanted;
        }
    }

    /** A live spare, a booted one first; null if none (lock held). */
    private static RunningChild takeSpare() {
        RunningChild booting = null;
        for (Iterator<RunningChild> it = SPARES.iterator(); it.hasNext(); ) {
            RunningChild spare = it.next();
            if (spare.exit().isDone()) {
                continue; // its exit handler reports and removes it
            }
            if (spare.booted()) {
                it.remove();
                return spare;
            }
            booting = booting == null ? spare : booting;
        }
        if (booting != null) {
            SPARES.remove(booting);
        }
        return booting;
    }

    /**
     * Spawns spares for {@code wanted} until there are as many as demand asks, at most one per
     * processor at a time: each batch boots before the next one is spawned. Runs on the booter.
     * A spare of the batch that ends without booting stops the filling: the same command would
     * fail again, so it is not spawned over and over; the next start() starts a cold JVM and
     * reports the error, and a later start or warm-up tries spares again.
     */
    private static void fill(List<String> wanted) {
        int processors = Runtime.getRuntime().availableProcessors();
        while (true) {
            int batch;
            synchronized (SpareJvm.class) {
                batch = wanted.equals(command)
                        ? SpareRefill.batchSize(target(System.nanoTime()) - SPARES.size(), processors) : 0;
            }
            if (batch == 0) {
                return;
            }
            List<RunningChild> booting = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                RunningChild spare = spawnSpare(wanted);
                if (spare == null) {
                    return;
                }
                booting.add(spare);
            }
            try {
                CompletableFuture.allOf(booting.stream().map(RunningChild::ready).toArray(CompletableFuture[]::new))
                        .get(BATCH_READY_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                // a slow or failed boot: its exit handler reports a failure
            }
            if (booting.stream().anyMatch(spare -> spare.exit().isDone() && !spare.booted())) {
                return; // failed to boot (its exit handler reported why): do not spawn the same failure again
            }
        }
    }

    /** Spawns one spare for {@code wanted} and keeps it; null if that failed or the command changed. */
    private static RunningChild spawnSpare(List<String> wanted) {
        RunningChild spare;
        try {
            spare = RunningChild.spawn(wanted);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not spawn a spare child JVM (" + e.getMessage()
                    + "); the next ChildProcess.start() starts a cold JVM and reports any lasting problem", e);
            return null;
        }
        synchronized (SpareJvm.class) {
            if (!wanted.equals(command)) {
                spare.discard();
                return null;
            }
            SPARES.addLast(spare);
        }
        spare.exit().whenComplete((code, error) -> {
            boolean waiting;
            synchronized (SpareJvm.class) {
                waiting = SPARES.remove(spare);
            }
            if (waiting) {
                reportEndedUnused(spare, code);
            }
        });
        return spare;
    }

    /** Lets spares beyond what demand still asks for exit. */
    private static void trim() {
        synchronized (SpareJvm.class) {
            int target = target(System.nanoTime());
            while (SPARES.size() > target) {
                SPARES.removeLast().discard();
            }
        }
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

    /** Lets every spare exit (lock held). */
    private static void discardSpares() {
        while (!SPARES.isEmpty()) {
            SPARES.removeFirst().discard();
        }
    }

    /** Lets every spare exit (at this JVM's exit). */
    static void discard() {
        synchronized (SpareJvm.class) {
            discardSpares();
            anyDemand = false;
        }
    }
}
