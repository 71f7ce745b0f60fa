package org.nativeipc.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a pid names a running process, for tests that watch processes they did not start. */
public final class ProcessStates {
    private ProcessStates() {
    }

    /**
     * True if {@code pid} runs and is not a zombie (ended, waiting to be reaped). Reads
     * {@code /proc/<pid>/stat} on Linux; elsewhere asks {@link ProcessHandle}.
     */
    public static boolean isRunning(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.isDirectory(Path.of("/proc/self"))) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
        try {
            String text = new String(Files.readAllBytes(stat), StandardCharsets.US_ASCII);
            char state = text.charAt(text.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X' && state != 'x';
        } catch (IOException | RuntimeException gone) {
            return false;
        }
    }
}
