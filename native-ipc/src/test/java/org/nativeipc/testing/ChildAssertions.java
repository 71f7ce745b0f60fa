package org.nativeipc.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

import org.nativeipc.process.ChildProcess;

/**
 * Waiting for child processes in tests: always with a timeout, and a failure that says what
 * was waited for. A child still running when the time is up is killed, so no test leaves a
 * process behind.
 */
public final class ChildAssertions {
    /** Generous: a child JVM takes ~0.1–0.5 s to start on a loaded 2-core machine. */
    public static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

    private ChildAssertions() {
    }

    /** Joins {@code child} within {@link #CHILD_TIMEOUT} and asserts it exited with 0. */
    public static void assertExitsOk(ChildProcess child) {
        assertExitCode(0, child);
    }

    /** Joins every child and asserts each exited with 0. */
    public static void assertAllExitOk(List<? extends ChildProcess> children) {
        for (ChildProcess child : children) {
            assertExitsOk(child);
        }
    }

    /** Joins {@code child} within {@link #CHILD_TIMEOUT} and asserts its exit code. */
    public static void assertExitCode(int expected, ChildProcess child) {
        int actual = joinWithin(child, CHILD_TIMEOUT);
        assertEquals(expected, actual, () -> child.name() + " (pid " + child.pid() + ") exited with " + actual
                + ", expected " + expected + " (its stderr is in the test output above)");
    }

    /**
     * Joins {@code child} within {@code timeout}; on timeout kills it and fails.
     *
     * @return its exit code
     */
    public static int joinWithin(ChildProcess child, Duration timeout) {
        try {
            if (!child.join(timeout)) {
                child.kill();
                child.join(Duration.ofSeconds(10));
                fail(child.name() + " (pid " + child.pid() + ") did not end within " + timeout + "; it was killed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while waiting for " + child.name());
        }
        OptionalInt code = child.exitCode();
        assertTrue(code.isPresent(), child.name() + " ended but has no exit code");
        return code.getAsInt();
    }

    /** Kills and reaps every child still running (for {@code @AfterEach}). */
    public static void killAll(List<? extends ChildProcess> children) {
        for (ChildProcess child : children) {
            try {
                if (child.isAlive()) {
                    child.kill();
                    child.join(Duration.ofSeconds(10));
                }
            } catch (IllegalStateException | InterruptedException ignored) {
                // not started, closed, or interrupted: nothing more to clean
            }
        }
    }
}
