package org.nativeipc.examples.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.nativeipc.examples.ExampleRunner;
import org.nativeipc.examples.ExampleRunner.Result;

/** The seed's process examples (§2–§5, §7), run as a user runs them, output checked. */
class ProcessExamplesTest {

    @Test
    void firstChild() {
        List<String> lines = ExampleRunner.run(FirstChild.class).assertSucceeded().lines();
        // The child usually prints during the parent's one-second sleep; on a loaded machine its
        // JVM may start later, but it always prints, since the parent waits for it at exit.
        assertEquals(Set.of("hello jaychou", "I am the child process", "the main process goes on"), new HashSet<>(lines));
        assertEquals(3, lines.size(), lines::toString);
        assertTrue(lines.indexOf("hello jaychou") < lines.indexOf("I am the child process"), lines::toString);
    }

    @Test
    void tenChildrenAllRunInSomeOrder() {
        List<String> lines = ExampleRunner.run(TenChildren.class, "10").assertSucceeded().lines();
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < 10; i++) {
            expected.add(Integer.toString(i));
        }
        assertEquals(10, lines.size(), lines::toString);
        assertEquals(expected, new TreeSet<>(lines));
    }

    @Test
    void dataIsolation() {
        assertEquals(List.of("in the child: 0", "in the parent: 100"),
                ExampleRunner.run(DataIsolation.class).assertSucceeded().lines());
    }

    @Test
    void joinWaitsForTheChild() {
        assertEquals(List.of("hello jaychou", "I am the child process", "I am the parent process"),
                ExampleRunner.run(JoinChild.class).assertSucceeded().lines());
        List<String> noJoin = ExampleRunner.run(JoinChild.class, "nojoin").assertSucceeded().lines();
        assertTrue(noJoin.indexOf("I am the parent process") < noJoin.indexOf("I am the child process"),
                "without join the parent prints before the child ends: " + noJoin);
        assertEquals(Set.of("hello jaychou", "I am the child process", "I am the parent process"), new HashSet<>(noJoin),
                "the child still runs to the end, because the parent waits for it at exit");
    }

    @Test
    void joiningEachChildRunsThemOneAfterAnother() {
        List<String> each = ExampleRunner.run(JoinMany.class, "each", "3").assertSucceeded().lines();
        assertEquals(List.of("hello bob 0", "bye bob 0", "hello bob 1", "bye bob 1", "hello bob 2", "bye bob 2",
                "the parent runs on"), each);
        List<String> all = ExampleRunner.run(JoinMany.class, "all", "3").assertSucceeded().lines();
        assertEquals(7, all.size(), all::toString);
        assertEquals("the parent runs on", all.get(6));
    }

    @Test
    void processIds() {
        List<String> lines = ExampleRunner.run(ProcessIds.class).assertSucceeded().lines();
        String mainPid = lines.get(0).substring("main process id: ".length());
        Set<String> childPids = new HashSet<>();
        Set<String> reported = new HashSet<>();
        for (String line : lines) {
            if (line.startsWith("child process id: ")) {
                String[] parts = line.split(" ");
                reported.add(parts[3]);
                assertEquals(mainPid, parts[7], "every child's parent is the main process: " + line);
            } else if (line.startsWith("started child ")) {
                childPids.add(line.substring("started child ".length()));
            }
        }
        assertEquals(5, childPids.size());
        assertEquals(childPids, reported, "the pids children report are the ones the parent sees");
    }

    @Test
    void subclassedProcess() {
        List<String> lines = ExampleRunner.run(SubclassedProcess.class).assertSucceeded().lines();
        assertEquals(7, lines.size(), lines::toString);
        assertTrue(lines.containsAll(List.of("jay is chatting with the streamer", "min is chatting with the streamer",
                "eason is chatting with the streamer")), lines::toString);
        assertEquals("main thread", lines.get(6));
    }

    @Test
    void aDaemonChildEndsWithItsParent() {
        // The parent's wait is generous so that the daemon surely prints before it ends.
        Result result = ExampleRunner.run(DaemonChild.class, "4000").assertSucceeded();
        List<String> lines = result.lines();
        assertEquals(3, lines.size(), lines::toString);
        assertTrue(lines.get(0).endsWith(" ChildProcess-1"), lines.get(0));
        assertEquals("jaychou is chatting with the streamer", lines.get(1));
        assertEquals("main", lines.get(2));
    }

    @Test
    void theDaemonIsTerminatedAndTheOtherChildJoinedAtExit() {
        List<String> lines = ExampleRunner.run(DaemonEndsWithMain.class).assertSucceeded().lines();
        assertTrue(lines.containsAll(List.of("main-------", "456", "end456")), lines::toString);
        assertFalse(lines.contains("end123"), "the daemon must be terminated when main ends: " + lines);
        assertEquals("end456", lines.get(lines.size() - 1));
    }

    @Test
    void terminateThenIsAlive() {
        List<String> lines = ExampleRunner.run(TerminateAndIsAlive.class).assertSucceeded().lines();
        assertEquals(List.of("true", "start", "false", "exit code -15"),
                lines.stream().filter(l -> !l.startsWith("eason")).toList());
        assertFalse(lines.contains("eason is still chatting"), lines::toString);
    }

    @Test
    void currentProcessInfo() {
        List<String> lines = ExampleRunner.run(CurrentProcessInfo.class).assertSucceeded().lines();
        // start() returns once the child runs its task, so the children's lines may come
        // between the parent's; the parent's own lines keep their order.
        List<String> parent = lines.stream().filter(l -> !l.startsWith("pp")).toList();
        assertEquals(List.of("111111111", "222222222", "333333333"), parent.subList(0, 3));
        String[] pids = parent.get(3).split(" ");
        assertTrue(lines.contains("pp1 pid " + pids[1]), lines::toString);
        assertTrue(lines.contains("pp2 pid " + pids[2]), lines::toString);
        assertTrue(lines.contains("pp1 arg 1") && lines.contains("pp2 arg 2"), lines::toString);
    }
}
