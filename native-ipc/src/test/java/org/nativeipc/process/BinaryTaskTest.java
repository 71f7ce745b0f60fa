package org.nativeipc.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.nativeipc.testing.ChildAssertions.assertExitCode;
import static org.nativeipc.testing.ChildAssertions.assertExitsOk;
import static org.nativeipc.testing.Polling.appendLine;
import static org.nativeipc.testing.Polling.read;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nativeipc.internal.launch.BinaryTask;
import org.nativeipc.testing.StartedChildren;

/** The library's own tasks travel as a runner's name and a payload, without Java serialization, into real children. */
class BinaryTaskTest {
    private static final long TIMEOUT_SECONDS = 60;
    /** How long the test lets a gated task run before it checks that no start-up report came. */
    private static final long SETTLE_MILLIS = 500;
    private static final long POLL_MILLIS = 10;

    @TempDir
    Path dir;

    @RegisterExtension
    final StartedChildren children = new StartedChildren();

    @Test
    void theChildsRunnerGetsThePayloadAndTheChildItsName() {
        String out = dir.resolve("binary").toString();
        ChildProcess child = children.track(new ChildProcess(new AppendLine(out)).name("binary-child").start());
        assertExitsOk(child);
        assertEquals("binary-child got " + out + "\n", read(Path.of(out)));
    }

    @Test
    void aRunnerThatThrowsEndsTheChildWithOne() {
        ChildProcess child = children.track(new ChildProcess(new AppendLine("")).start());
        assertExitCode(1, child);
    }

    @Test
    void inThisProcessTheTaskRunsItsRunnerToo() throws Exception {
        String out = dir.resolve("here").toString();
        new AppendLine(out).run();
        assertEquals(CurrentProcess.name() + " got " + out + "\n", read(Path.of(out)));
    }

    @Test
    void theParentLearnsWhenTheTasksStartUpIsOverNotBefore() throws Exception {
        Path gate = dir.resolve("gate");
        List<String> command = ChildCommand.build(List.of(), ChildLaunch.of(null, BinaryTaskTest.class));
        RunningChild child = RunningChild.spawn(command);
        try {
            child.assign(BootstrapProtocol.binaryMessage(new AwaitGate(gate.toString()), "gated", false, "", CurrentProcess.pid()),
                    () -> { });
            child.taskStarted().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Thread.sleep(SETTLE_MILLIS);
            assertFalse(child.startedUp().isDone(), "the task has not said its start-up is over: it waits for " + gate);
            Files.writeString(gate, "go");
            child.startedUp().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertEquals(0, child.exit().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        } finally {
            child.signal(Signal.SIGKILL);
        }
    }

    /** Says its start-up is over once the file its payload names exists. */
    private static final class AwaitGate implements BinaryTask {
        private static final long serialVersionUID = 1L;
        private final byte[] payload;

        AwaitGate(String file) {
            this.payload = file.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Class<? extends Runner> runner() {
            return Gate.class;
        }

        @Override
        public byte[] payload() {
            return payload;
        }
    }

    private static final class Gate implements BinaryTask.Runner {
        private Gate() {
        }

        @Override
        public void run(byte[] payload, Runnable startedUp) throws InterruptedException {
            Path gate = Path.of(new String(payload, StandardCharsets.UTF_8));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            while (!Files.exists(gate) && System.nanoTime() < deadline) {
                Thread.sleep(POLL_MILLIS);
            }
            startedUp.run();
        }
    }

    /** Appends "name got payload" to the file the payload names; an empty payload fails. */
    private static final class AppendLine implements BinaryTask {
        private static final long serialVersionUID = 1L;
        private final byte[] payload;

        AppendLine(String file) {
            this.payload = file.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Class<? extends Runner> runner() {
            return Append.class;
        }

        @Override
        public byte[] payload() {
            return payload;
        }
    }

    private static final class Append implements BinaryTask.Runner {
        private Append() {
        }

        @Override
        public void run(byte[] payload, Runnable startedUp) {
            if (payload.length == 0) {
                throw new IllegalArgumentException("no file to append to");
            }
            String file = new String(payload, StandardCharsets.UTF_8);
            appendLine(file, CurrentProcess.name() + " got " + file);
        }
    }
}
