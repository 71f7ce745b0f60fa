package org.nativeipc.torture;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nativeipc.internal.posix.LockableFile;
import org.nativeipc.internal.posix.SharedFolder;
import org.nativeipc.process.ChildProcess;
import org.nativeipc.testing.ChildAssertions;
import org.nativeipc.testing.Polling;
import org.nativeipc.testing.ProcessStates;

/**
 * The kill-at-random torture: for {@code -Dtorture.minutes} (default {@value #DEFAULT_MINUTES}),
 * producers and consumers of SPSC, MPMC and joinable queues, pipe ends, lock and semaphore
 * holders, condition and barrier waiters, adders to shared values and writers of a shared map —
 * roles spread over a few host processes — are SIGKILLed at random moments and replaced (see
 * {@link TortureDriver}). Passes when every message arrived exactly once except those in a
 * killed process's hands, mutual exclusion held (each guarded count equals the critical
 * sections done), no shared value or map entry was ever seen torn and every total is within
 * the killed processes' unfinished steps, every rig kept making progress, and
 * no region file and no process is left. Prints the seed ({@code -Dtorture.seed} replays its
 * schedule), the kills survived, the messages checked and the verdict.
 */
class TortureTest {
    static final double DEFAULT_MINUTES = 2;
    /** On top of the run itself: starting, stopping and checking, on a loaded machine. */
    private static final Duration SLACK = Duration.ofMinutes(8);
    /** ChildProcess's switch for spare JVMs. */
    private static final String SPARE_PROPERTY = "nativeipc.child.spare";

    @TempDir
    Path dir;

    @Test
    void killAtRandomAndCheckEverything() throws Exception {
        double minutes = Double.parseDouble(System.getProperty("torture.minutes", Double.toString(DEFAULT_MINUTES)));
        long seed = Long.getLong("torture.seed", new SecureRandom().nextLong());
        Path folder = Files.createDirectory(dir.resolve("shm"));
        String result = dir.resolve("result").toString();
        ChildProcess driver = startWithoutSpares(new ChildProcess(() -> TortureDriver.run(result, seed, minutes))
                .name("torture-driver").jvmOptions("-D" + SharedFolder.PROPERTY + "=" + folder, "-D" + SPARE_PROPERTY + "=false"));
        int code = ChildAssertions.joinWithin(driver, Duration.ofSeconds((long) (minutes * 60)).plus(SLACK));
        assertEquals(0, code, "the torture driver failed (seed " + seed + "; its output is above)");
        List<String> lines = Files.readAllLines(Path.of(result));
        lines.forEach(line -> System.out.println("torture result: " + line));
        List<String> failures = lines.stream().filter(l -> l.startsWith("failure ")).toList();
        assertTrue(lines.contains("verdict PASS"), "torture failed with seed " + seed + " (replay its schedule with -Dtorture.seed="
                + seed + "; the processes' own output is in target/surefire-reports/*.dumpstream): " + failures);
        assertTrue(value(lines, "kills") > 0, "the run killed nothing: " + lines);

        for (String pid : lines.stream().filter(l -> l.startsWith("pids")).findFirst().orElse("pids").split(" ")) {
            if (!pid.equals("pids")) {
                long p = Long.parseLong(pid);
                Polling.awaitTrue("process " + p + " of the run to be gone", ChildAssertions.CHILD_TIMEOUT,
                        () -> !ProcessStates.isRunning(p));
            }
        }
        assertEquals(List.of(), liveFilesIn(folder), "left in the run's region folder (regions, or records of live processes)");
    }

    /**
     * Starts {@code child} with spare JVMs off here (and, through its options, in it and its
     * children): a spare waits with a liveness record in the run's folder, and would count as a
     * process that outlived the run.
     */
    private static ChildProcess startWithoutSpares(ChildProcess child) {
        String before = System.getProperty(SPARE_PROPERTY);
        System.setProperty(SPARE_PROPERTY, "false");
        try {
            return child.start();
        } finally {
            if (before == null) {
                System.clearProperty(SPARE_PROPERTY);
            } else {
                System.setProperty(SPARE_PROPERTY, before);
            }
        }
    }

    private static long value(List<String> lines, String key) {
        return lines.stream().filter(l -> l.startsWith(key + " ")).mapToLong(l -> Long.parseLong(l.substring(key.length() + 1)))
                .findFirst().orElse(-1);
    }

    /** Region files, and liveness records still locked by a live process. */
    private static List<String> liveFilesIn(Path folder) throws Exception {
        List<String> live = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (!name.startsWith(SharedFolder.FILE_PREFIX + "proc-")) {
                    live.add(name);
                    continue;
                }
                try (LockableFile record = LockableFile.open(file, false)) {
                    if (!record.tryLockShared()) {
                        live.add(name + " (its process runs)");
                    }
                }
            }
        }
        return live;
    }
}
