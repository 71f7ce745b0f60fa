package org.nativeipc.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nativeipc.testing.ChildAssertions.assertExitCode;
import static org.nativeipc.testing.ChildAssertions.assertExitsOk;
import static org.nativeipc.testing.Polling.appendLine;
import static org.nativeipc.testing.Polling.read;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nativeipc.internal.launch.BinaryTask;
import org.nativeipc.testing.StartedChildren;

/** The library's own tasks travel as a runner's name and a payload, without Java serialization, into real children. */
class BinaryTaskTest {
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
