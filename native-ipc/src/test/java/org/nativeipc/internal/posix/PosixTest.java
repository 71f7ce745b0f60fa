package org.nativeipc.internal.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nativeipc.testing.ChildAssertions.assertExitsOk;

import org.junit.jupiter.api.Test;
import org.nativeipc.process.ChildProcess;
import org.nativeipc.process.CurrentProcess;

class PosixTest {

    @Test
    void killOfAMissingProcessReportsFalse() {
        long pid = Spawner.of(java.util.List.of("true")).spawn();
        Posix.reap(pid);
        assertFalse(Posix.kill(pid, 0));
    }

    @Test
    void killWithoutPermissionThrowsWithErrno() {
        NativeCallException e = assertThrows(NativeCallException.class, () -> Posix.kill(1, 999));
        assertEquals("EINVAL", e.errnoName());
        assertTrue(e.getMessage().contains("EINVAL"), e.getMessage());
    }

    @Test
    void parentPidAgreesWithTheKernel() {
        assertEquals(Posix.parentPid(), CurrentProcess.parentPid());
        assertEquals(ProcessHandle.current().parent().orElseThrow().pid(), CurrentProcess.parentPid());
    }

    @Test
    void theBindingWorksWhenFirstUsedByAnInterruptedThread() {
        // A fresh JVM, so this really is the first use of jnr-ffi there.
        ChildProcess child = new ChildProcess(() -> {
            Thread.currentThread().interrupt();
            long parent = Posix.parentPid();
            System.exit(parent == CurrentProcess.parentPid() && Thread.interrupted() ? 0 : 3);
        }).start();
        assertExitsOk(child);
    }
}
