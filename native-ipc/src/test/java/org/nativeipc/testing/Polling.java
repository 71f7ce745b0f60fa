package org.nativeipc.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting in tests for something another process does: with a deadline and a message. */
public final class Polling {
    private static final long POLL_MILLIS = 10;

    private Polling() {
    }

    /** Polls {@code condition} until true; fails with "timed out after T waiting for {@code what}". */
    public static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for " + what);
            }
        }
    }

    /** Waits until {@code file} exists and holds at least one complete line, and returns its text. */
    public static String awaitFileLine(Path file, Duration timeout) {
        awaitTrue("a line in " + file, timeout, () -> read(file).contains("\n"));
        return read(file);
    }

    /** The file's text, or "" if it does not exist yet. */
    public static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends a line to a file (children use this to report to the test); creates the file. */
    public static void appendLine(String file, String line) {
        try {
            Files.writeString(Path.of(file), line + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
