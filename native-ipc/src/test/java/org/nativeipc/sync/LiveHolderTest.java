package org.nativeipc.sync;

import static org.junit.jupiter.api.Assertions.*;
import static org.nativeipc.testing.ChildAssertions.assertExitsOk;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.nativeipc.internal.memory.RegionFolder;
import org.nativeipc.internal.posix.NativeCallException;
import org.nativeipc.process.ChildProcess;
import org.nativeipc.testing.Polling;

/**
 * A live holder keeps its lock, whatever its waiters cannot see: a waiter out of file
 * descriptors, or a holder in another PID namespace that shares the region folder. Before the
 * liveness service, both waiters took the lock within a few hundred milliseconds.
 */
class LiveHolderTest extends SyncTestSupport {
    /** Owner checks a waiter makes while it waits in these tests: many chances to get it wrong. */
    private static final Duration CHECK_INTERVAL = Duration.ofMillis(10);
    private static final long WAITING_MILLIS = 1_000;
    private static final long WARM_UP_MILLIS = 300;
    /** Exit code of a waiter that took the live holder's lock. */
    private static final int TOOK_A_LIVE_HOLDERS_LOCK = 3;
    private static final int DESCRIPTORS_NOT_EXHAUSTED = 4;

    @TempDir
    Path dir;

    @Test
    void aWaiterOutOfFileDescriptorsNeverTakesALiveHoldersLock() throws Exception {
        try (SharedLock lock = SharedLock.create()) {
            lock.setOwnerCheckInterval(CHECK_INTERVAL);
            lock.lock();
            try {
                ChildProcess waiter = start("waiter", () -> {
                    // Load what the wait needs while descriptors are free (test classes load from
                    // folders, one descriptor per class): a wait long enough to sleep and check
                    // the owner, and the exception a failed look makes.
                    lock.tryLock(WARM_UP_MILLIS, TimeUnit.MILLISECONDS);
                    new NativeCallException("warm-up", jnr.constants.platform.Errno.EMFILE.intValue()).getMessage();
                    List<java.io.FileInputStream> hog = new ArrayList<>();
                    boolean exhausted = false;
                    boolean took;
                    try {
                        try {
                            while (true) {
                                hog.add(new java.io.FileInputStream("/dev/null"));
                            }
                        } catch (IOException tooMany) {
                            exhausted = true;
                        }
                        took = lock.tryLock(WAITING_MILLIS, TimeUnit.MILLISECONDS);
                    } finally {
                        for (java.io.FileInputStream f : hog) {
                            f.close();
                        }
                    }
                    System.exit(!exhausted ? DESCRIPTORS_NOT_EXHAUSTED : took ? TOOK_A_LIVE_HOLDERS_LOCK : 0);
                });
                assertExitsOk(waiter);
                assertTrue(lock.isHeldByCurrentThread());
                assertEquals(0, lock.takeoverCount(), "nobody took the lock over from this live process");
            } finally {
                lock.unlock();
            }
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aHolderInAnotherPidNamespaceKeepsItsLockAndItsScanKeepsOurRegions() throws Exception {
        assumeNamespacesCanBeMade();
        try (SharedLock lock = SharedLock.create(); SharedEvent ours = SharedEvent.create()) {
            lock.setOwnerCheckInterval(CHECK_INTERVAL);
            Path handle = dir.resolve("lock.handle");
            try (ObjectOutputStream out = new ObjectOutputStream(new FileOutputStream(handle.toFile()))) {
                out.writeObject(lock);
            }
            Path report = dir.resolve("report");
            Process holder = new ProcessBuilder(namespaceCommand(handle, report))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("holder.out").toFile()).start();
            try {
                Polling.awaitTrue("the holder in its own PID namespace to take the lock (its output: "
                        + dir.resolve("holder.out") + ")", WAIT, () -> Files.exists(report) || !holder.isAlive());
                assertTrue(holder.isAlive(), () -> "the holder ended early: " + Polling.read(dir.resolve("holder.out")));
                String[] reported = Polling.read(report).trim().split(" ");
                Path foreignRegion = Path.of(reported[1]);
                assertEquals(Long.parseLong(reported[0]), lock.ownerPid(), "the holder's pid, as its namespace sees it");
                assertTrue(lock.toString().contains("another PID namespace"), lock.toString());
                assertTrue(Files.exists(ours.life.region().path()) && Files.exists(lock.life.region().path()),
                        "the other namespace's orphan scan must not remove the regions of this live process");
                assertFalse(lock.tryLock(WAITING_MILLIS, TimeUnit.MILLISECONDS),
                        "a waiter took the lock of a live holder in another PID namespace");
                assertEquals(0, lock.takeoverCount());

                holder.destroyForcibly(); // unshare --kill-child takes the holder with it
                assertTrue(holder.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "unshare did not end");
                assertTrue(lock.tryLock(WAIT.toMillis(), TimeUnit.MILLISECONDS), "the dead holder's lock was not taken over");
                try {
                    assertTrue(lock.previousOwnerDied());
                } finally {
                    lock.unlock();
                }
                RegionFolder.removeOrphans();
                assertFalse(Files.exists(foreignRegion), "the dead holder's own region is an orphan now");
            } finally {
                holder.destroyForcibly();
            }
        }
    }

    private List<String> namespaceCommand(Path handle, Path report) {
        List<String> command = new ArrayList<>(List.of("unshare", "--pid", "--fork", "--mount-proc", "--kill-child"));
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.addAll(List.of("-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                ForeignNamespaceHolder.class.getName(), handle.toString(), report.toString()));
        return command;
    }

    private static void assumeNamespacesCanBeMade() throws IOException, InterruptedException {
        Process probe;
        try {
            probe = new ProcessBuilder("unshare", "--pid", "--fork", "--mount-proc", "true").redirectErrorStream(true).start();
        } catch (IOException noUnshare) {
            Assumptions.abort("skipped: no unshare(1) here to start a process in another PID namespace (" + noUnshare + ")");
            return;
        }
        String output = new String(probe.getInputStream().readAllBytes());
        Assumptions.assumeTrue(probe.waitFor() == 0,
                "skipped: this machine does not let the test make a PID namespace (unshare --pid: " + output.trim() + ")");
    }
}
