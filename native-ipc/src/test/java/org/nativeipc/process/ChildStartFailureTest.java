package org.nativeipc.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nativeipc.testing.ChildAssertions;
import org.nativeipc.testing.StartedChildren;
import org.nativeipc.testing.TemporaryProperty;

/**
 * A child that cannot run its task makes {@code start()} throw, with the child's own error and
 * the fix, instead of leaving the parent to wait for a task that never ran.
 */
class ChildStartFailureTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final StartedChildren children = new StartedChildren();

    @Test
    void aBadJvmOptionFailsStartWithTheJvmsOwnMessage() {
        ChildProcess child = children.track(new ChildProcess(() -> { }).jvmOptions("-XX:+NoSuchNativeIpcTestOption"));
        ChildStartException e = assertThrows(ChildStartException.class, child::start);
        assertTrue(e.childError().contains("Unrecognized VM option 'NoSuchNativeIpcTestOption'"), e.childError());
        assertTrue(e.getMessage().contains("jvmOptions"), "the message names the fix: " + e.getMessage());
        assertEquals(OptionalInt.of(1), e.exitCode());
        assertEquals(OptionalInt.of(1), child.exitCode(), "the child has ended, with the JVM's exit code");
        assertFalse(child.isAlive());
    }

    @Test
    void aClassPathWithoutNativeIpcFailsStartAndNamesTheOverride() {
        ChildProcess child = children.track(new ChildProcess(() -> { }).classPath(dir.toString()));
        ChildStartException e = assertThrows(ChildStartException.class, child::start);
        assertTrue(e.childError().contains("Could not find or load main class " + ChildBootstrap.class.getName()), e.childError());
        assertTrue(e.getMessage().contains("ChildProcess.classPath(...)") && e.getMessage().contains(dir.toString()),
                "the message names the fix and shows the class path: " + e.getMessage());
    }

    @Test
    void aTaskClassMissingInTheChildFailsStartWithTheClassName() {
        String libraryOnly = Path.of(ChildBootstrap.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
        ChildProcess child = children.track(new ChildProcess(() -> { }).classPath(libraryOnly));
        ChildStartException e = assertThrows(ChildStartException.class, child::start);
        assertTrue(e.getMessage().contains("ClassNotFoundException: " + getClass().getName()), e.getMessage());
        assertTrue(e.childError().contains("ClassNotFoundException"), "the child's stack trace: " + e.childError());
        assertEquals(OptionalInt.of(1), e.exitCode());
    }

    @Test
    void noJavaToRunFailsStartAtOnce() {
        ChildProcess child = new ChildProcess(() -> { });
        ChildStartException e;
        try (TemporaryProperty javaHome = TemporaryProperty.set("java.home", dir.toString())) {
            e = assertThrows(ChildStartException.class, child::start);
        }
        assertTrue(e.getMessage().contains(dir.resolve("bin").resolve("java") + " is not an executable"), e.getMessage());
        assertEquals(OptionalInt.empty(), e.exitCode());
    }

    @Test
    void aChildSilentPastTheStartTimeoutIsKilledAndStartFails() {
        ChildProcess child = children.track(new ChildProcess(new SlowToRead()::touch));
        ChildStartException e;
        try (TemporaryProperty timeout = TemporaryProperty.set(ChildStart.TIMEOUT_PROPERTY, "2")) {
            e = assertThrows(ChildStartException.class, child::start);
        }
        assertTrue(e.getMessage().contains("did not report its task running within 2 s, and was killed"), e.getMessage());
        assertEquals(-9, ChildAssertions.joinWithin(child, ChildAssertions.CHILD_TIMEOUT), "killed by SIGKILL");
    }

    @Test
    void aSpareThatCannotBootIsLoggedAsAWarning() throws Exception {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(ChildProcess.class.getPackageName());
        logger.addHandler(handler);
        try (TemporaryProperty options = TemporaryProperty.set(ChildCommand.EXTRA_OPTIONS_PROPERTY, "-XX:+NoSuchSpareOption")) {
            assertFalse(ChildProcess.warmUp(ChildAssertions.CHILD_TIMEOUT), "a spare that cannot boot is not ready");
            long deadline = System.nanoTime() + ChildAssertions.CHILD_TIMEOUT.toNanos();
            while (aboutTheBadSpare(records).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            logger.removeHandler(handler);
        }
        List<LogRecord> about = aboutTheBadSpare(records);
        assertFalse(about.isEmpty(), "no warning was logged about the spare that could not boot; records: " + records);
        assertEquals(Level.WARNING, about.get(0).getLevel());
        assertTrue(about.get(0).getMessage().contains("failed to boot"), about.get(0).getMessage());
        Thread.sleep(500); // long enough for a few more spares to fail, if any were spawned after the first batch
        int batch = Runtime.getRuntime().availableProcessors();
        assertTrue(aboutTheBadSpare(records).size() <= batch, "a spare that fails to boot is not spawned again and again: "
                + aboutTheBadSpare(records).size() + " failed spares reported, at most one batch of " + batch + " expected");
    }

    private static List<LogRecord> aboutTheBadSpare(List<LogRecord> records) {
        return records.stream().filter(r -> r.getMessage().contains("NoSuchSpareOption")).toList();
    }

    /** Captured by a task: its deserialization in the child takes longer than any start timeout of a test. */
    static final class SlowToRead implements Serializable {
        private static final long serialVersionUID = 1L;
        private static final long READ_MILLIS = 120_000;

        void touch() {
        }

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            try {
                Thread.sleep(READ_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
