package org.nativeipc.process;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nativeipc.testing.ChildAssertions;
import org.nativeipc.testing.Polling;
import org.nativeipc.testing.ProcessStates;

/**
 * At exit a parent closes the objects it created before it joins its non-daemon children, so a
 * child blocked on them wakes and the exit cannot deadlock. Before, a parent whose {@code main}
 * threw never exited: its exit hook joined a child blocked on the parent's own queue or pipe.
 */
class ExitOrderTest {
    /** How long the parent lets its child block before its main throws. */
    private static final long CHILD_BLOCKS_MILLIS = 1_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"queue", "pipe"})
    void aParentWhoseMainThrowsExitsAndItsBlockedChildWakes(String object) throws Exception {
        Path report = dir.resolve("child");
        Path output = dir.resolve("parent.out");
        List<String> command = new ArrayList<>(List.of(ChildCommand.javaExecutable()));
        command.addAll(ChildCommand.DEFAULT_OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ThrowingMain.class.getName(),
                object, report.toString(), Long.toString(CHILD_BLOCKS_MILLIS)));
        Process parent = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            boolean exited = parent.waitFor(ChildAssertions.CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(exited, () -> "the parent whose main threw did not exit: " + Polling.read(output));
            assertEquals(1, parent.exitValue(), () -> "an uncaught exception in main: " + Polling.read(output));
            assertTrue(Polling.read(output).contains("main fails before sending"), Polling.read(output));
            long child = Long.parseLong(Polling.read(report).trim());
            assertFalse(ProcessStates.isRunning(child), "the parent joined its child: it has ended");
        } finally {
            parent.destroyForcibly();
        }
    }
}
