package org.nativeipc.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Programs started on their own, as a service would be: a plain {@code java -cp <this test
 * class path> Main args} through {@link ProcessBuilder}, never {@code ChildProcess}; their output
 * (stdout and stderr) goes to a file. Every wait has a timeout; {@link #close()} kills what is
 * still running.
 */
public final class Programs implements AutoCloseable {
    /** The JDK that warns about native access unless told it is allowed. */
    private static final int NATIVE_ACCESS_FLAG_FROM = 22;
    private final Path dir;
    private final List<Process> started = new ArrayList<>();
    private int count;

    /** Programs whose output files go in {@code dir}. */
    public Programs(Path dir) {
        this.dir = dir;
    }

    /** A running program and its output file. */
    public record Program(Process process, Path output) {
        /** Waits (within the child timeout) for it to exit; returns its output. */
        public String awaitExit(int expectedCode) {
            try {
                boolean exited = process.waitFor(ChildAssertions.CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                assertTrue(exited, () -> "program pid " + process.pid() + " did not exit within " + ChildAssertions.CHILD_TIMEOUT
                        + "; its output: " + Polling.read(output));
                assertEquals(expectedCode, process.exitValue(), () -> "exit code of pid " + process.pid() + "; its output: "
                        + Polling.read(output));
                return Polling.read(output);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for pid " + process.pid(), e);
            }
        }
    }

    /** Starts {@code main} with {@code args} and {@code jvmOptions} (e.g. -D settings) in a JVM of its own. */
    public Program start(Class<?> main, List<String> jvmOptions, String... args) {
        Path output = dir.resolve("program-" + (++count) + ".out");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        if (Runtime.version().feature() >= NATIVE_ACCESS_FLAG_FROM) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            started.add(process);
            return new Program(process, output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Starts {@code main} with {@code args}. */
    public Program start(Class<?> main, String... args) {
        return start(main, List.of(), args);
    }

    @Override
    public void close() {
        for (Process p : started) {
            p.destroyForcibly();
        }
    }
}
