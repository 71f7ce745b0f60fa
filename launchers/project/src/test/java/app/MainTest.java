package app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The Surefire launch: children of a test JVM whose class path is a manifest-only jar. */
class MainTest {
    @Test
    void aChildOfATestRunsAndAnswers() throws Exception {
        String message = Main.roundTrip();
        assertTrue(message.startsWith("hello from greeter"), message);
    }
}
