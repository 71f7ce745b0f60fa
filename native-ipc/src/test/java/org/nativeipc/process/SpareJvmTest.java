package org.nativeipc.process;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nativeipc.testing.ChildAssertions.assertExitsOk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nativeipc.testing.ChildAssertions;
import org.nativeipc.testing.TemporaryProperty;

/** The spare JVM booted ahead of need. */
class SpareJvmTest {

    @TempDir
    Path dir;

    @Test
    void afterWarmUpTheNextChildIsTheJvmBootedBeforeStart() throws Exception {
        assertTrue(ChildProcess.warmUp(ChildAssertions.CHILD_TIMEOUT), "a spare JVM should be ready");
        Thread.sleep(50);
        Instant beforeStart = Instant.now();
        String started = dir.resolve("started").toString();
        // The child reports its JVM's start: it may have ended by the time start() returns.
        ChildProcess child = new ChildProcess(() -> Files.writeString(Path.of(started),
                ProcessHandle.current().info().startInstant().orElseThrow().toString())).start();
        assertExitsOk(child);
        Instant childStarted = Instant.parse(Files.readString(Path.of(started)));
        assertTrue(childStarted.isBefore(beforeStart),
                "the child's JVM (started " + childStarted + ") must be the spare booted before start() (" + beforeStart + ")");
    }

    @Test
    void aBurstOfStartsRunsEveryTask() {
        List<ChildProcess> burst = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int n = i;
            burst.add(new ChildProcess(() -> System.exit(10 + n)).start());
        }
        for (int i = 0; i < burst.size(); i++) {
            ChildAssertions.assertExitCode(10 + i, burst.get(i));
        }
    }

    @Test
    void withSparesDisabledWarmUpDoesNothing() throws Exception {
        try (TemporaryProperty spares = TemporaryProperty.set(SpareJvm.PROPERTY, "false")) {
            assertFalse(ChildProcess.warmUp(Duration.ofSeconds(1)));
            assertExitsOk(new ChildProcess(() -> { }).start());
        }
    }

    @Test
    void warmUpRefusesANegativeTimeout() {
        assertThrows(IllegalArgumentException.class, () -> ChildProcess.warmUp(Duration.ofMillis(-1)));
    }
}
