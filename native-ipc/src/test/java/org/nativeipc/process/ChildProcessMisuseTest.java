package org.nativeipc.process;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nativeipc.testing.ChildAssertions.assertExitsOk;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Bad input gets a clear exception that names the problem and the fix. */
class ChildProcessMisuseTest {

    @Test
    void startTwiceIsRefused() {
        ChildProcess child = new ChildProcess(() -> { }).start();
        IllegalStateException e = assertThrows(IllegalStateException.class, child::start);
        assertTrue(e.getMessage().contains("already started"), e.getMessage());
        assertExitsOk(child);
    }

    @Test
    void configurationAfterStartIsRefused() {
        ChildProcess child = new ChildProcess(() -> { }).start();
        assertThrows(IllegalStateException.class, () -> child.name("late"));
        assertThrows(IllegalStateException.class, () -> child.daemon(true));
        assertThrows(IllegalStateException.class, () -> child.jvmOptions("-Xmx64m"));
        assertExitsOk(child);
    }

    @Test
    void operationsBeforeStartAreRefused() {
        ChildProcess child = new ChildProcess(() -> { });
        IllegalStateException e = assertThrows(IllegalStateException.class, child::join);
        assertTrue(e.getMessage().contains("not started"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> child.join(Duration.ofSeconds(1)));
        assertThrows(IllegalStateException.class, child::pid);
        assertThrows(IllegalStateException.class, child::terminate);
        assertTrue(child.exitCode().isEmpty());
        assertTrue(!child.isAlive());
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(NullPointerException.class, () -> new ChildProcess(null));
        ChildProcess child = new ChildProcess(() -> { });
        assertThrows(IllegalArgumentException.class, () -> child.name(" "));
        assertThrows(IllegalArgumentException.class, () -> child.jvmOptions("-Xmx64m", null));
        assertThrows(IllegalArgumentException.class, () -> child.join(Duration.ofSeconds(-1)));
    }

    @Test
    void aTaskThatCapturesSomethingNotSerializableFailsAtStartNamingIt() {
        Thread notSerializable = new Thread(() -> { });
        ChildProcess child = new ChildProcess(() -> System.out.println(notSerializable.getName()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, child::start);
        assertTrue(e.getMessage().contains("java.lang.Thread"), e.getMessage());
        assertTrue(!child.isAlive());
    }

    private final Object testState = new Object();

    @Test
    void aLambdaThatUsesTheTestInstanceIsExplained() {
        ChildProcess child = new ChildProcess(() -> System.out.println(testState));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, child::start);
        assertTrue(e.getMessage().contains(ChildProcessMisuseTest.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("local variables"), e.getMessage());
    }

    @Test
    void closeWhileRunningIsRefusedAndUseAfterCloseThrows() throws Exception {
        ChildProcess child = new ChildProcess(() -> Thread.sleep(60_000)).start();
        IllegalStateException e = assertThrows(IllegalStateException.class, child::close);
        assertTrue(e.getMessage().contains("while it is running"), e.getMessage());
        child.kill();
        child.join();
        child.close();
        child.close(); // harmless twice
        assertThrows(IllegalStateException.class, child::exitCode);
        assertThrows(IllegalStateException.class, child::isAlive);
    }
}
