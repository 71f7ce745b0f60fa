package org.nativeipc.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nativeipc.testing.ChildAssertions.assertExitCode;
import static org.nativeipc.testing.ChildAssertions.assertExitsOk;
import static org.nativeipc.testing.Polling.appendLine;
import static org.nativeipc.testing.Polling.read;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nativeipc.testing.ChildAssertions;
import org.nativeipc.testing.StartedChildren;

/** Starting, joining and identifying children: seed sections 2–4. */
class ChildProcessTest {
    /** Changed only in children; the parent's copy must stay 0 (data isolation). */
    static int counter;

    @TempDir
    Path dir;

    @RegisterExtension
    final StartedChildren children = new StartedChildren();

    @Test
    void helloFromAChild() {
        String out = dir.resolve("hello").toString();
        ChildProcess child = children.track(new ChildProcess(() -> appendLine(out, "hello from " + CurrentProcess.name())).start());
        assertExitsOk(child);
        assertEquals("hello from " + child.name() + "\n", read(Path.of(out)));
    }

    @Test
    void tenChildrenStartedInALoopAllRun() {
        String out = dir.resolve("ten").toString();
        List<ChildProcess> ten = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int n = i;
            ten.add(children.track(new ChildProcess(() -> appendLine(out, "child " + n)).start()));
        }
        ChildAssertions.assertAllExitOk(ten);
        Set<String> lines = new TreeSet<>(Arrays.asList(read(Path.of(out)).split("\n")));
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < 10; i++) {
            expected.add("child " + i);
        }
        assertEquals(expected, lines);
    }

    @Test
    void aStaticChangedInTheChildIsUnchangedInTheParent() {
        String out = dir.resolve("isolation").toString();
        counter = 0;
        ChildProcess child = children.track(new ChildProcess(() -> {
            counter += 100;
            appendLine(out, "child sees " + counter);
        }).start());
        assertExitsOk(child);
        assertEquals("child sees 100\n", read(Path.of(out)));
        assertEquals(0, counter);
    }

    @Test
    void joinWithAndWithoutTimeout() throws Exception {
        ChildProcess sleeper = children.track(new ChildProcess(() -> Thread.sleep(60_000)).start());
        assertFalse(sleeper.join(Duration.ofMillis(200)), "a sleeping child must not end within the join timeout");
        assertTrue(sleeper.isAlive());
        assertTrue(sleeper.exitCode().isEmpty());
        sleeper.kill();
        sleeper.join();
        assertFalse(sleeper.isAlive());
        assertTrue(sleeper.join(Duration.ZERO), "join of an ended child returns true at once");
    }

    @Test
    void onExitCompletesWithTheChildOnceItHasEnded() throws Exception {
        ChildProcess sleeper = children.track(new ChildProcess(() -> Thread.sleep(60_000)).start());
        CompletableFuture<ChildProcess> exit = sleeper.onExit();
        assertFalse(exit.isDone(), "onExit() of a running child must not be done");
        exit.complete(null); // a caller's completion must not pretend the child ended
        assertTrue(sleeper.isAlive());
        CompletableFuture<ChildProcess> second = sleeper.onExit();
        sleeper.kill();
        assertSame(sleeper, second.get(60, TimeUnit.SECONDS), "onExit() completes with the child within 60 s of its SIGKILL");
        assertEquals(OptionalInt.of(-9), sleeper.exitCode());
        assertTrue(sleeper.onExit().isDone(), "onExit() of an ended child is done at once");
        assertThrows(IllegalStateException.class, () -> new ChildProcess(() -> { }).onExit(), "onExit() before start()");
    }

    /** Python's "subclass Process and override run()". */
    static final class Greeter extends ChildProcess {
        private static final long serialVersionUID = 1L;
        private final String out;
        private final String greeting;

        Greeter(String out, String greeting) {
            this.out = out;
            this.greeting = greeting;
        }

        @Override
        protected void run() {
            appendLine(out, greeting + " from " + CurrentProcess.name());
        }
    }

    @Test
    void subclassWithOverriddenRun() {
        String out = dir.resolve("greeter").toString();
        ChildProcess child = children.track(new Greeter(out, "hi").name("greeter-1").start());
        assertExitsOk(child);
        assertEquals("hi from greeter-1\n", read(Path.of(out)));
    }

    @Test
    void defaultNamesCountUpAndCustomNamesReachTheChild() {
        ChildProcess a = new ChildProcess(() -> { });
        ChildProcess b = new ChildProcess(() -> { });
        assertTrue(a.name().matches("ChildProcess-\\d+"), a.name());
        int na = Integer.parseInt(a.name().substring("ChildProcess-".length()));
        assertEquals("ChildProcess-" + (na + 1), b.name());
        String out = dir.resolve("name").toString();
        ChildProcess named = children.track(new ChildProcess(() -> appendLine(out, CurrentProcess.name() + " child=" + CurrentProcess.isChild()))
                .name("worker-7").start());
        assertExitsOk(named);
        assertEquals("worker-7 child=true\n", read(Path.of(out)));
        assertEquals("MainProcess", CurrentProcess.name());
        assertFalse(CurrentProcess.isChild());
    }

    @Test
    void pidAndParentPidSeenFromTheChildMatchTheParentsView() {
        String out = dir.resolve("pids").toString();
        ChildProcess child = children.track(new ChildProcess(() -> appendLine(out, CurrentProcess.pid() + " " + CurrentProcess.parentPid())).start());
        assertExitsOk(child);
        assertEquals(child.pid() + " " + CurrentProcess.pid() + "\n", read(Path.of(out)));
    }

    @Test
    void exitCodesFollowPython() {
        ChildProcess ok = children.track(new ChildProcess(() -> { }).start());
        ChildProcess exits = children.track(new ChildProcess(() -> System.exit(7)).start());
        ChildProcess fails = children.track(new ChildProcess(() -> {
            throw new IllegalStateException("expected failure: this stack trace is part of the test");
        }).start());
        assertExitCode(0, ok);
        assertExitCode(7, exits);
        assertExitCode(1, fails);
    }

    @Test
    void terminateAndKillASleepingChild() throws Exception {
        ChildProcess terminated = children.track(new ChildProcess(() -> Thread.sleep(60_000)).start());
        ChildProcess killed = children.track(new ChildProcess(() -> Thread.sleep(60_000)).start());
        assertTrue(terminated.isAlive());
        terminated.terminate();
        killed.kill();
        assertExitCode(-15, terminated);
        assertExitCode(-9, killed);
        assertFalse(terminated.isAlive());
        terminated.terminate(); // no-op once ended, as in Python
        assertEquals(OptionalInt.of(-15), terminated.exitCode());
    }

    @Test
    void aSignalWithoutHandlerEndsTheChildWithMinusItsNumber() {
        ChildProcess child = children.track(new ChildProcess(() -> Thread.sleep(60_000)).start());
        child.signal(Signal.SIGUSR1);
        assertExitCode(-Signal.SIGUSR1.number(), child);
    }

    @Test
    void exitCodeAgreesWhicheverCallComesFirstFromAnyThread() throws Exception {
        for (int round = 0; round < 3; round++) {
            ChildProcess child = children.track(new ChildProcess(() -> System.exit(5)).start());
            List<Thread> readers = new ArrayList<>();
            List<Object> seen = java.util.Collections.synchronizedList(new ArrayList<>());
            int which = round;
            for (int t = 0; t < 3; t++) {
                int kind = (t + which) % 3;
                Thread reader = new Thread(() -> {
                    try {
                        if (kind == 0) {
                            child.join();
                        } else {
                            long deadline = System.nanoTime() + ChildAssertions.CHILD_TIMEOUT.toNanos();
                            while ((kind == 1 ? child.isAlive() : child.exitCode().isEmpty()) && System.nanoTime() < deadline) {
                                Thread.sleep(1);
                            }
                        }
                        seen.add(child.exitCode());
                    } catch (InterruptedException e) {
                        seen.add(e);
                    }
                });
                readers.add(reader);
                reader.start();
            }
            for (Thread reader : readers) {
                reader.join(ChildAssertions.CHILD_TIMEOUT.toMillis());
            }
            assertEquals(List.of(OptionalInt.of(5), OptionalInt.of(5), OptionalInt.of(5)), seen);
        }
    }

    @Test
    void activeChildrenListsRunningChildrenOnly() throws Exception {
        ChildProcess sleeper = children.track(new ChildProcess(() -> Thread.sleep(60_000)).start());
        ChildProcess quick = children.track(new ChildProcess(() -> { }).start());
        assertExitsOk(quick);
        org.nativeipc.testing.Polling.awaitTrue("the ended child to leave the active list", Duration.ofSeconds(10),
                () -> !CurrentProcess.activeChildren().contains(quick));
        assertTrue(CurrentProcess.activeChildren().contains(sleeper));
        sleeper.kill();
        sleeper.join();
        org.nativeipc.testing.Polling.awaitTrue("the killed child to leave the active list", Duration.ofSeconds(10),
                () -> !CurrentProcess.activeChildren().contains(sleeper));
    }

    @Test
    void aTaskLargerThanThePipeBufferArrives() {
        byte[] big = new byte[1 << 20];
        Arrays.fill(big, (byte) 7);
        ChildProcess child = children.track(new ChildProcess(() -> {
            int sum = 0;
            for (byte b : big) {
                sum += b;
            }
            System.exit(sum == 7 << 20 ? 0 : 3);
        }).start());
        assertExitsOk(child);
    }

    @Test
    void jvmOptionsReachTheChild() {
        String out = dir.resolve("props").toString();
        ChildProcess child = children.track(new ChildProcess(() -> appendLine(out, System.getProperty("greeting")))
                .jvmOptions("-Dgreeting=bonjour").start());
        assertExitsOk(child);
        assertEquals("bonjour\n", read(Path.of(out)));
    }

    @Test
    void toStringShowsLiveState() throws Exception {
        ChildProcess child = new ChildProcess(() -> System.exit(3)).name("shown");
        assertEquals("<ChildProcess name='shown' initial>", child.toString());
        children.track(child.start());
        assertExitCode(3, child);
        assertEquals("<ChildProcess name='shown' pid=" + child.pid() + " parent=" + CurrentProcess.pid()
                + " stopped exitcode=3>", child.toString());
    }
}
