package org.nativeipc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs an example's {@code main} in a JVM of its own, as a user would, and captures what it
 * and its children print (children inherit the example's stdout and stderr).
 */
public final class ExampleRunner {
    /** An example with children takes a few seconds; a loaded machine may take longer. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    /** What a finished example printed, and how it ended. */
    public record Result(int exitCode, String stdout, String stderr) {
        /** The stdout lines. */
        public List<String> lines() {
            return stdout.isEmpty() ? List.of() : Arrays.asList(stdout.split("\n"));
        }

        /** Asserts exit code 0, showing both streams if not. */
        public Result assertSucceeded() {
            assertEquals(0, exitCode, () -> "the example failed with exit code " + exitCode
                    + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr);
            return this;
        }
    }

    private ExampleRunner() {
    }

    /** Runs {@code mainClass} with {@code args} and waits at most {@link #DEFAULT_TIMEOUT}. */
    public static Result run(Class<?> mainClass, String... args) {
        return run(DEFAULT_TIMEOUT, mainClass, args);
    }

    /** Runs {@code mainClass} with {@code args}; kills it and fails if it runs past {@code timeout}. */
    public static Result run(Duration timeout, Class<?> mainClass, String... args) {
        return run(timeout, List.of(), mainClass, args);
    }

    /**
     * Runs {@code mainClass} with {@code args} in a JVM given {@code jvmOptions} (such as
     * {@code -D} settings); kills it and fails if it runs past {@code timeout}.
     */
    public static Result run(Duration timeout, List<String> jvmOptions, Class<?> mainClass, String... args) {
        Process process;
        try {
            process = new ProcessBuilder(command(jvmOptions, mainClass, args)).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + mainClass.getName(), e);
        }
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        return finish(process, timeout, mainClass, out, err);
    }

    /** The command line that runs {@code mainClass} with {@code args}, as a user would. */
    public static List<String> command(Class<?> mainClass, String... args) {
        return command(List.of(), mainClass, args);
    }

    /** The command line that runs {@code mainClass} with {@code args} in a JVM given {@code jvmOptions}. */
    public static List<String> command(List<String> jvmOptions, Class<?> mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(Arrays.asList(args));
        return command;
    }

    /**
     * Waits at most {@code timeout} for a started example whose streams {@code out} and
     * {@code err} are being read, and returns how it ended; kills it (and its children) and
     * fails if it runs past the timeout.
     */
    public static Result finish(Process process, Duration timeout, Class<?> mainClass, CompletableFuture<String> out,
                                CompletableFuture<String> err) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                fail(mainClass.getSimpleName() + " did not finish within " + timeout + "; it was killed. Output so far:\n"
                        + out.getNow("") + err.getNow(""));
            }
            return new Result(process.exitValue(), out.get(30, TimeUnit.SECONDS), err.get(30, TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            throw new AssertionError("while waiting for " + mainClass.getSimpleName() + ": " + e, e);
        }
    }

    /** Reads a stream to its end on a thread of its own, so neither pipe can fill and block the example. */
    public static CompletableFuture<String> drain(InputStream stream) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (stream) {
                text.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.completeExceptionally(e);
            }
        }, "example-output-reader");
        reader.setDaemon(true);
        reader.start();
        return text;
    }
}
