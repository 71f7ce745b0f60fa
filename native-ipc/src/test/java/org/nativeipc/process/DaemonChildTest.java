package org.nativeipc.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nativeipc.testing.ChildAssertions.assertExitCode;
import static org.nativeipc.testing.ChildAssertions.assertExitsOk;
import static org.nativeipc.testing.Polling.appendLine;
import static org.nativeipc.testing.Polling.awaitFileLine;
import static org.nativeipc.testing.Polling.awaitTrue;
import static org.nativeipc.testing.Polling.read;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nativeipc.internal.posix.Posix;
import org.nativeipc.testing.ChildAssertions;
import org.nativeipc.testing.StartedChildren;

/** Daemon children (seed section 5) and what happens to children when their parent ends. */
class DaemonChildTest {
    /** The bound for a daemon child to notice that its parent was SIGKILLed. */
    private static final Duration DAEMON_ORPHAN_BOUND = Duration.ofSeconds(2);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @RegisterExtension
    final StartedChildren children = new StartedChildren();
    private final List<Long> grandchildren = new ArrayList<>();

    @AfterEach
    void killGrandchildren() {
        for (long pid : grandchildren) {
            if (running(pid)) {
                Posix.kill(pid, Signal.SIGKILL.number());
            }
        }
    }

    /** Starts a daemon and a non-daemon grandchild, writes "daemonPid nonDaemonPid", then waits. */
    private static void startTwoGrandchildrenAndWait(String pidsFile, long nonDaemonSleepMillis, boolean thenReturn)
            throws Exception {
        ChildProcess daemon = new ChildProcess(() -> Thread.sleep(60_000)).daemon(true).name("grand-daemon").start();
        ChildProcess worker = new ChildProcess(() -> {
            Thread.sleep(nonDaemonSleepMillis);
            appendLine(pidsFile + ".done", "done");
        }).name("grand-worker").start();
        appendLine(pidsFile, daemon.pid() + " " + worker.pid());
        if (!thenReturn) {
            Thread.sleep(60_000);
        }
    }

    private long[] readPids(String pidsFile) {
        String[] parts = awaitFileLine(Path.of(pidsFile), START_TIMEOUT).trim().split(" ");
        long[] pids = {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
        grandchildren.add(pids[0]);
        grandchildren.add(pids[1]);
        return pids;
    }

    private static boolean running(long pid) {
        return org.nativeipc.testing.ProcessStates.isRunning(pid);
    }

    @Test
    void aDaemonChildDiesSoonAfterItsParentIsKilledAndANonDaemonChildSurvives() throws Exception {
        String pids = dir.resolve("pids").toString();
        ChildProcess parent = new ChildProcess(() -> startTwoGrandchildrenAndWait(pids, 60_000, false)).name("parent");
        children.track(parent.start());
        long[] grand = readPids(pids);
        assertTrue(running(grand[0]) && running(grand[1]), "both grandchildren run before the parent is killed");

        parent.kill();
        assertExitCode(-9, parent);
        awaitTrue("the daemon grandchild (pid " + grand[0] + ") to end after its parent was SIGKILLed",
                DAEMON_ORPHAN_BOUND, () -> !running(grand[0]));
        assertTrue(running(grand[1]), "the non-daemon grandchild must survive its parent's death");
    }

    @Test
    void atNormalExitDaemonsAreTerminatedAndOtherChildrenJoined() {
        String pids = dir.resolve("pids").toString();
        ChildProcess parent = new ChildProcess(() -> startTwoGrandchildrenAndWait(pids, 500, true)).name("parent");
        children.track(parent.start());
        long[] grand = readPids(pids);
        assertExitsOk(parent);
        assertEquals("done\n", read(Path.of(pids + ".done")),
                "the parent must join its non-daemon child before exiting, so the child's work is done");
        awaitTrue("the daemon grandchild to be terminated at its parent's exit", DAEMON_ORPHAN_BOUND,
                () -> !running(grand[0]));
    }

    @Test
    void aDaemonChildMayNotStartChildren() {
        String out = dir.resolve("refused").toString();
        ChildProcess daemon = new ChildProcess(() -> {
            try {
                new ChildProcess(() -> { }).start();
                appendLine(out, "started a child: wrong");
            } catch (IllegalStateException e) {
                appendLine(out, e.getMessage());
            }
        }).daemon(true).name("the-daemon");
        children.track(daemon.start());
        assertExitsOk(daemon);
        String message = read(Path.of(out));
        assertTrue(message.startsWith("daemonic processes are not allowed to have children"), message);
        assertTrue(message.contains("the-daemon"), message);
    }

    @Test
    void daemonFlagAndNameAreVisibleInTheChild() {
        String out = dir.resolve("flags").toString();
        ChildProcess daemon = new ChildProcess(() -> appendLine(out, CurrentProcess.isDaemon() + " " + CurrentProcess.name()))
                .daemon(true).name("d1");
        children.track(daemon.start());
        assertExitsOk(daemon);
        assertEquals("true d1\n", read(Path.of(out)));
        assertTrue(daemon.isDaemon());
    }
}
