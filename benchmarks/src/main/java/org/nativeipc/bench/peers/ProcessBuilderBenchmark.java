package org.nativeipc.bench.peers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.*;

/**
 * Reference: {@link ProcessBuilder} starting a JVM that runs a trivial main — the plain-JDK
 * way to run Java in another process. The child JVM gets the same options native-ipc gives
 * its children ({@link #CHILD_JVM_OPTIONS}) and the same class path, so the rows compare the
 * launch machinery, not JVM tuning.
 *
 * <ul>
 *   <li>{@code startToRunning}: start → the child's first line read from its stdout;</li>
 *   <li>{@code startAndWait}: start + waitFor;</li>
 *   <li>{@code burst20}: 20 started, then all waited for.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 20)
@Fork(1)
public class ProcessBuilderBenchmark {
    /** The defaults native-ipc's ChildCommand gives a child JVM (kept in step by hand). */
    static final List<String> CHILD_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xshare:auto");
    static final int BURST = 20;

    private List<String> command;
    private final List<Process> started = new ArrayList<>();

    @Setup(Level.Trial)
    public void setUp() {
        command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(CHILD_JVM_OPTIONS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(TrivialMain.class.getName());
    }

    @Benchmark
    public String startToRunning() throws IOException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        started.add(process);
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"running".equals(line)) {
            throw new IllegalStateException("the trivial main printed " + line + " instead of \"running\"");
        }
        return line;
    }

    @Benchmark
    public int startAndWait() throws IOException, InterruptedException {
        return checkExit(start().waitFor());
    }

    @Benchmark
    public int burst20() throws IOException, InterruptedException {
        List<Process> burst = new ArrayList<>(BURST);
        for (int i = 0; i < BURST; i++) {
            burst.add(start());
        }
        int sum = 0;
        for (Process process : burst) {
            sum += checkExit(process.waitFor());
        }
        return sum;
    }

    private Process start() throws IOException {
        return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static int checkExit(int code) {
        if (code != 0) {
            throw new IllegalStateException("the trivial main exited with " + code);
        }
        return code;
    }

    /** Reaps what startToRunning left running (outside the measured time). */
    @TearDown(Level.Iteration)
    public void reap() {
        try {
            for (Process process : started) {
                checkExit(process.waitFor());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while reaping", e));
        } finally {
            started.clear();
        }
    }
}
