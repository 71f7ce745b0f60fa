package org.nativeipc.torture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.nativeipc.internal.liveness.Liveness;
import org.nativeipc.internal.memory.RegionFolder;
import org.nativeipc.internal.memory.RegionHandle;
import org.nativeipc.process.ChildProcess;
import org.nativeipc.process.ProcessTask;
import org.nativeipc.queue.SharedQueue;
import org.nativeipc.sync.SharedBarrier;
import org.nativeipc.sync.SharedLock;
import org.nativeipc.sync.SharedSemaphore;

/**
 * The torture run itself, in a JVM of its own with a private region folder (so that "nothing
 * left behind" can be checked exactly): creates the shared objects, places the roles of every
 * rig in a few host processes, SIGKILLs a random host (or pipe end) at random moments and
 * replaces it, watches that every rig keeps making progress, then stops everything, checks
 * every rig, and writes the result for {@link TortureTest}.
 */
final class TortureDriver {
    /** Processes that run the rigs' roles (a kill takes out every role a host runs). */
    static final int HOSTS = 6;
    static final long MIN_KILL_GAP_MILLIS = 500;
    static final long MAX_KILL_GAP_MILLIS = 2_000;
    /** A rig that does nothing for this long (while not stopping) is wedged. */
    static final long PROGRESS_BOUND_MILLIS = 90_000;
    /** How long hosts may take to stop once told. */
    static final Duration STOP_BOUND = Duration.ofMinutes(2);
    /** Message numbers per carrier (queue or pipe) and minute of the run. */
    static final int SEQS_PER_MINUTE = 400_000;
    static final Duration OWNER_CHECK_INTERVAL = Duration.ofMillis(50);
    private static final int QUEUE_CAPACITY = 64;
    private static final int SEMAPHORE_PERMITS = 2;
    private static final long MONITOR_PERIOD_MILLIS = 1_000;

    private final long seed;
    private final Ledger ledger;
    private final Verdict verdict = new Verdict();
    private final Random random;
    private final Set<ChildProcess> victims = ConcurrentHashMap.newKeySet();
    private final Set<Long> killed = ConcurrentHashMap.newKeySet();
    private final List<Long> pids = new CopyOnWriteArrayList<>();
    private volatile boolean stopping;
    private int kills;

    private TortureDriver(long seed, Ledger ledger) {
        this.seed = seed;
        this.ledger = ledger;
        this.random = new Random(seed);
    }

    Ledger ledger() {
        return ledger;
    }

    Verdict verdict() {
        return verdict;
    }

    long seed() {
        return seed;
    }

    boolean stopping() {
        return stopping;
    }

    /** Runs the torture for {@code minutes} and writes the result to {@code resultFile}. */
    static void run(String resultFile, long seed, double minutes) throws Exception {
        int seqs = (int) Math.min(8_000_000, Math.max(SEQS_PER_MINUTE, SEQS_PER_MINUTE * minutes));
        Ledger ledger = Ledger.create(seqs);
        TortureDriver driver = new TortureDriver(seed, ledger);
        System.out.printf("torture: seed %d, %.1f minutes, %d hosts, folder %s (replay with -Dtorture.seed=%d)%n",
                seed, minutes, HOSTS, Liveness.folder(), seed);
        List<Rig> rigs = driver.rigs(seqs);
        try {
            driver.torture(rigs, (long) (minutes * 60_000));
        } finally {
            for (Rig rig : rigs) {
                rig.close();
            }
            ledger.close();
        }
        driver.checkNothingLeft();
        driver.writeResult(Path.of(resultFile));
    }

    private List<Rig> rigs(int seqs) {
        SharedLock lock = SharedLock.create();
        SharedLock conditionLock = SharedLock.create();
        SharedSemaphore semaphore = SharedSemaphore.create(SEMAPHORE_PERMITS);
        SharedBarrier barrier = SharedBarrier.create(3);
        for (var object : List.of(lock, conditionLock)) {
            object.setOwnerCheckInterval(OWNER_CHECK_INTERVAL);
        }
        semaphore.setOwnerCheckInterval(OWNER_CHECK_INTERVAL);
        barrier.setOwnerCheckInterval(OWNER_CHECK_INTERVAL);
        List<Rig> rigs = new ArrayList<>(List.of(
                new QueueRig("spsc queue", 0, SharedQueue.builder().capacity(QUEUE_CAPACITY).producers(1).consumers(1).build(),
                        0, 1, 1, seqs),
                new QueueRig("mpmc queue", 1, SharedQueue.builder().capacity(QUEUE_CAPACITY).build(), 1, 2, 2, seqs),
                new QueueRig("joinable queue", 2, SharedQueue.builder().capacity(QUEUE_CAPACITY).buildJoinable(), 2, 1, 2, seqs),
                new PipeRig(3, 3, seqs),
                GuardedRig.lockAlone(4, lock, 3),
                GuardedRig.withCondition(5, conditionLock, 1, 2),
                new SemaphoreRig(6, semaphore, SEMAPHORE_PERMITS, 3),
                new BarrierRig(7, barrier),
                new ValueRig(8, 2),
                new MapRig(9, 3)));
        int slot = 0;
        for (Rig rig : rigs) {
            slot = rig.placeRoles(slot);
        }
        return rigs;
    }

    private void torture(List<Rig> rigs, long millis) throws Exception {
        List<List<Rig.Role>> hosts = new ArrayList<>();
        for (int h = 0; h < HOSTS; h++) {
            hosts.add(new ArrayList<>());
        }
        int next = 0;
        PipeRig pipe = null;
        for (Rig rig : rigs) {
            if (rig instanceof PipeRig p) {
                pipe = p;
                continue;
            }
            for (Rig.Role role : rig.roles()) {
                hosts.get(next++ % HOSTS).add(role);
            }
        }
        List<Thread> supervisors = new ArrayList<>();
        for (int h = 0; h < HOSTS; h++) {
            int number = h;
            supervisors.add(thread("host-" + h, () -> superviseHost(number, hosts.get(number))));
        }
        PipeRig pipeRig = pipe;
        supervisors.add(thread("pipe", () -> pipeRig.supervise(this)));
        Thread monitor = thread("monitor", () -> watchProgress(rigs));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() - deadline < 0 && verdict.passed()) {
            Thread.sleep(MIN_KILL_GAP_MILLIS + random.nextLong(MAX_KILL_GAP_MILLIS - MIN_KILL_GAP_MILLIS));
            killOne();
        }
        stopping = true;
        ledger.stop();
        long stopDeadline = System.nanoTime() + STOP_BOUND.toNanos();
        for (Thread supervisor : supervisors) {
            supervisor.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(stopDeadline - System.nanoTime())));
            if (supervisor.isAlive()) {
                verdict.fail("supervisor " + supervisor.getName() + " did not end within " + STOP_BOUND
                        + " of the stop: its processes are wedged (killed)");
                for (ChildProcess victim : victims) {
                    victim.kill();
                }
                supervisor.join();
            }
        }
        monitor.interrupt();
        monitor.join();
        for (Rig rig : rigs) {
            rig.finish(ledger, verdict);
            long errors = ledger.rig(rig.index, Rig.ERRORS);
            verdict.check(errors == 0, rig.name + ": " + errors + " unexpected exceptions in its roles (see the hosts' stderr)");
        }
    }

    /** Starts, replaces when killed, and finally waits for host {@code number}. */
    private void superviseHost(int number, List<Rig.Role> roles) throws InterruptedException {
        RegionHandle ledgerHandle = ledger.handle();
        ArrayList<Rig.Role> placed = new ArrayList<>(roles);
        for (int incarnation = 0; !stopping; incarnation++) {
            long hostSeed = seed * 31 + number * 7919L + incarnation;
            ChildProcess host = startVictim("host-" + number + "." + incarnation, () -> Host.run(ledgerHandle, placed, hostSeed));
            host.join();
            if (retire(host)) {
                for (Rig.Role role : placed) {
                    role.rig.onKilled(ledger, role);
                }
            } else if (!stopping) {
                verdict.fail(host.name() + " ended by itself before the stop, with exit code " + host.exitCode().orElse(-1));
            }
        }
    }

    /** Starts a child that the kill loop may pick. */
    ChildProcess startVictim(String name, ProcessTask task) {
        ChildProcess child = new ChildProcess(task).name("torture-" + name).start();
        pids.add(child.pid());
        victims.add(child);
        return child;
    }

    /**
     * Takes an ended victim off the kill list.
     *
     * @return true if the kill loop killed it; a victim that ended otherwise must have exited 0
     */
    boolean retire(ChildProcess child) {
        victims.remove(child);
        if (killed.contains(child.pid())) {
            return true;
        }
        int code = child.exitCode().orElse(Integer.MIN_VALUE);
        verdict.check(code == 0, child.name() + " exited with " + code + " (see its stderr above)");
        return false;
    }

    private void killOne() {
        List<ChildProcess> candidates = new ArrayList<>(victims);
        if (candidates.isEmpty() || stopping) {
            return;
        }
        ChildProcess victim = candidates.get(random.nextInt(candidates.size()));
        if (victim.isAlive()) {
            killed.add(victim.pid());
            victim.kill();
            kills++;
        }
    }

    private void watchProgress(List<Rig> rigs) {
        long[] ops = new long[rigs.size()];
        long[] changed = new long[rigs.size()];
        long[] longestStall = new long[rigs.size()];
        boolean[] reported = new boolean[rigs.size()];
        long start = System.nanoTime();
        java.util.Arrays.fill(changed, start);
        try {
            while (!stopping) {
                Thread.sleep(MONITOR_PERIOD_MILLIS);
                long now = System.nanoTime();
                for (int i = 0; i < rigs.size(); i++) {
                    long n = ledger.rig(rigs.get(i).index, Ledger.OPS);
                    longestStall[i] = Math.max(longestStall[i], now - changed[i]);
                    if (n != ops[i]) {
                        ops[i] = n;
                        changed[i] = now;
                    } else if (!reported[i] && !stopping && now - changed[i] > TimeUnit.MILLISECONDS.toNanos(PROGRESS_BOUND_MILLIS)) {
                        reported[i] = true;
                        verdict.fail(rigs.get(i).name + " made no progress for " + PROGRESS_BOUND_MILLIS / 1000 + " s: wedged");
                    }
                }
            }
        } catch (InterruptedException stop) {
            // the run is over
        }
        StringBuilder stalls = new StringBuilder("longest time without progress (bound " + PROGRESS_BOUND_MILLIS / 1000 + " s):");
        for (int i = 0; i < rigs.size(); i++) {
            stalls.append(' ').append(rigs.get(i).name).append(' ').append(TimeUnit.NANOSECONDS.toMillis(longestStall[i])).append(" ms,");
        }
        verdict.figure(stalls.substring(0, stalls.length() - 1));
    }

    private static Thread thread(String name, Interruptible body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Exception e) {
                throw new IllegalStateException("torture " + name + " failed", e);
            }
        }, "torture-" + name);
        t.start();
        return t;
    }

    @FunctionalInterface
    private interface Interruptible {
        void run() throws Exception;
    }

    /** Every region is closed: only this process's own liveness record may be left in the folder. */
    private void checkNothingLeft() throws IOException {
        RegionFolder.removeOrphans();
        List<String> left = new ArrayList<>();
        int records = 0;
        List<String> recordNames = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(Liveness.folder())) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (Liveness.isRecordName(name)) {
                    records++;
                    recordNames.add(describeRecord(name));
                } else {
                    left.add(name);
                }
            }
        }
        verdict.check(left.isEmpty(), "files left in the region folder: " + left);
        verdict.check(records == 1, records + " liveness records left in the region folder, expected only the driver's own:"
                + " a process outlived the run: " + recordNames
                + " (the driver's token: " + Long.toHexString(Liveness.self()) + ")");
    }

    /** "nipc-proc-… (pid 123, alive, started by this run)" for a failure message. */
    private String describeRecord(String name) {
        String hex = name.substring(name.lastIndexOf('-') + 1);
        try {
            long token = Long.parseUnsignedLong(hex, 16);
            long pid = Liveness.pidOf(token);
            return name + " (" + Liveness.describe(token) + ", " + (Liveness.isAliveNow(token) ? "alive" : "dead")
                    + (pids.contains(pid) ? ", started by this run" : ", not started by this run") + ")";
        } catch (NumberFormatException halfMade) {
            return name;
        }
    }

    private void writeResult(Path file) throws IOException {
        StringBuilder s = new StringBuilder();
        s.append("seed ").append(seed).append('\n');
        s.append("kills ").append(kills).append('\n');
        s.append("messages ").append(verdict.messagesChecked()).append('\n');
        s.append("processes ").append(pids.size()).append('\n');
        s.append("pids");
        for (long pid : pids) {
            s.append(' ').append(pid);
        }
        s.append('\n');
        for (String figure : verdict.figures()) {
            s.append("figure ").append(figure).append('\n');
        }
        for (String failure : verdict.failures()) {
            s.append("failure ").append(failure).append('\n');
        }
        s.append("verdict ").append(verdict.passed() ? "PASS" : "FAIL").append('\n');
        Files.writeString(file, s.toString(), StandardCharsets.UTF_8);
        System.out.printf("torture: %d kills survived, %d messages checked, %d processes started: %s%n", kills,
                verdict.messagesChecked(), pids.size(), verdict.passed() ? "PASS" : "FAIL " + verdict.failures());
    }
}
