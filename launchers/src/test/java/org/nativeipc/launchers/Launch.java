package org.nativeipc.launchers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One external command of the IT, with its output captured to files and a timeout. */
final class Launch {
    private Launch() {
    }

    /** What a command did. */
    record Result(List<String> command, int exitCode, String stdout, String stderr) {
        /** The command and everything it printed, for a failure message. */
        String describe() {
            return String.join(" ", command) + "\nexit code " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    /** Runs {@code command} in {@code dir}; a command still running after {@code timeout} is killed. */
    static Result run(Path dir, List<String> command, Duration timeout) {
        try {
            Path out = Files.createTempFile("launch", ".out");
            Path err = Files.createTempFile("launch", ".err");
            try {
                Process process = new ProcessBuilder(command).directory(dir.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (!ended) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor();
                }
                Result result = new Result(command, ended ? process.exitValue() : Integer.MIN_VALUE,
                        Files.readString(out), Files.readString(err));
                if (!ended) {
                    throw new AssertionError("still running after " + timeout + ", killed:\n" + result.describe());
                }
                return result;
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }
}
