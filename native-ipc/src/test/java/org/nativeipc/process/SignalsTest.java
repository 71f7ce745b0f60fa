package org.nativeipc.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.nativeipc.testing.ChildAssertions.assertExitCode;
import static org.nativeipc.testing.Polling.appendLine;
import static org.nativeipc.testing.Polling.awaitFileLine;
import static org.nativeipc.testing.Polling.awaitTrue;
import static org.nativeipc.testing.Polling.read;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nativeipc.testing.ChildAssertions;
import org.nativeipc.testing.StartedChildren;

/** Signals sent to children and handled in them. */
class SignalsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @RegisterExtension
    final StartedChildren children = new StartedChildren();

    @Test
    void aChildHandlesSignalsSentByItsParent() {
        String out = dir.resolve("signals").toString();
        ChildProcess child = new ChildProcess(() -> {
            for (Signal s : new Signal[] {Signal.SIGUSR1, Signal.SIGUSR2, Signal.SIGHUP}) {
                Signals.handle(s, got -> appendLine(out, "got " + got));
            }
            Signals.handle(Signal.SIGTERM, got -> {
                appendLine(out, "got " + got + ", leaving");
                System.exit(42);
            });
            appendLine(out, "ready");
            Thread.sleep(60_000);
        });
        children.track(child.start());
        awaitFileLine(Path.of(out), TIMEOUT);
        for (Signal s : new Signal[] {Signal.SIGUSR1, Signal.SIGUSR2, Signal.SIGHUP}) {
            child.signal(s);
            awaitTrue("the child to report " + s, TIMEOUT, () -> read(Path.of(out)).contains("got " + s));
        }
        child.terminate();
        assertExitCode(42, child);
        assertEquals("ready\ngot SIGUSR1\ngot SIGUSR2\ngot SIGHUP\ngot SIGTERM, leaving\n", read(Path.of(out)));
    }

    @Test
    void terminateRunsTheChildsShutdownHooksAndReportsMinus15() {
        String out = dir.resolve("hooks").toString();
        ChildProcess child = new ChildProcess(() -> {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> appendLine(out, "hook ran")));
            appendLine(out, "ready");
            Thread.sleep(60_000);
        });
        children.track(child.start());
        awaitFileLine(Path.of(out), TIMEOUT);
        child.terminate();
        assertExitCode(-15, child);
        assertEquals("ready\nhook ran\n", read(Path.of(out)));
    }

    @Test
    void aChildThatExitsWith143OnItsOwnIsNotMistakenForSigterm() {
        ChildProcess child = new ChildProcess(() -> System.exit(143));
        children.track(child.start());
        assertExitCode(143, child);
    }

    @Test
    void signalsThatCannotBeHandledAreRefused() {
        IllegalArgumentException kill = assertThrows(IllegalArgumentException.class,
                () -> Signals.handle(Signal.SIGKILL, s -> { }));
        assertEquals("SIGKILL cannot be caught or handled by any process", kill.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Signals.handle(Signal.SIGQUIT, s -> { }));
    }

    @Test
    void signalNumbersComeFromThePlatform() {
        assertEquals(9, Signal.SIGKILL.number());
        assertEquals(15, Signal.SIGTERM.number());
        assertEquals(Signal.SIGTERM, Signal.ofNumber(15));
        assertThrows(IllegalArgumentException.class, () -> Signal.ofNumber(999));
    }
}
