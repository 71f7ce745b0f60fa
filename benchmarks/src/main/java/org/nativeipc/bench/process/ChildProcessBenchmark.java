package org.nativeipc.bench.process;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.nativeipc.bench.support.MappedFile;
import org.nativeipc.bench.support.SpareJvms;
import org.nativeipc.process.ChildProcess;
import org.nativeipc.process.ProcessTask;
import org.openjdk.jmh.annotations.*;

/**
 * native-ipc's process family: what {@link ChildProcess} costs, for issue 2 and the
 * comparison with Python's {@code Process} (fork, forkserver, spawn).
 *
 * <ul>
 *   <li>{@code startToRunning}: {@code start()} → the task's first statement has run: it
 *       writes one byte into a named pipe (FIFO) on which this JVM blocks in {@code read}.
 *       (Polling a file instead is a trap here: polling every 20 µs doubled the child's start
 *       on 2 cores.) A watchdog thread unblocks the read if the child dies first;</li>
 *   <li>{@code startAndJoinEmpty}: {@code start()} + {@code join()} of a task that does
 *       nothing (exit code 0 checked);</li>
 *   <li>{@code burst20}: 20 children started, then all joined.</li>
 * </ul>
 * <p>{@code spare}: native-ipc boots the next child JVM ahead of need (a "spare", its
 * counterpart of Python's forkserver; system property {@code nativeipc.child.spare}). With
 * {@code spare=false} every child is a cold JVM (compare with Python's spawn); with
 * {@code spare=true} each measured start finds a booted spare, because every iteration first
 * calls {@link ChildProcess#warmUp}, untimed, which returns once the spares are ready (compare
 * with forkserver). Spares are sized by recent demand, so from the second burst on a burst
 * finds as many booted JVMs as it starts children (up to {@code nativeipc.child.maxSpares}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 20)
@Fork(1)
public class ChildProcessBenchmark {
    static final int BURST = 20;
    /** The byte a running task writes into the FIFO; the watchdog writes {@link #DIED}. */
    private static final int RUNNING = 1;
    private static final int DIED = 0;
    private static final long WATCHDOG_POLL_MILLIS = 50;
    private static final ProcessTask EMPTY = () -> { };

    @Param({"false", "true"})
    public String spare;

    private Path fifoDir;
    private Path fifo;
    /** Held open read-write, so neither side's open blocks and the watchdog can write. */
    private RandomAccessFile fifoEnd;
    private Thread watchdog;
    private volatile ChildProcess awaited;
    private final List<ChildProcess> started = new ArrayList<>();

    @Setup(Level.Trial)
    public void setUp() throws IOException, InterruptedException {
        SpareJvms.use(spare);
        fifoDir = Files.createTempDirectory(Path.of("/dev/shm"), MappedFile.PREFIX + ProcessHandle.current().pid() + "-running-");
        fifo = fifoDir.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", "-m", "600", fifo.toString()).inheritIO().start();
        if (mkfifo.waitFor() != 0) {
            throw new IllegalStateException("mkfifo " + fifo + " failed with exit code " + mkfifo.exitValue());
        }
        fifoEnd = new RandomAccessFile(fifo.toFile(), "rw");
        watchdog = new Thread(this::watchForEarlyDeath, "child-death-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** With spares on, waits (untimed) until the spare JVM is booted and waiting for a task. */
    @Setup(Level.Iteration)
    public void letSpareBoot() throws InterruptedException {
        SpareJvms.awaitReady(spare);
    }

    @Benchmark
    public int startToRunning() throws IOException {
        String path = fifo.toString();
        ChildProcess child = new ChildProcess(() -> markRunning(path));
        awaited = child;
        child.start();
        started.add(child);
        int mark = fifoEnd.read();
        awaited = null;
        if (mark != RUNNING) {
            throw new IllegalStateException("the child ended before its task ran: " + child);
        }
        return mark;
    }

    private static void markRunning(String fifo) throws IOException {
        try (FileOutputStream out = new FileOutputStream(fifo)) {
            out.write(RUNNING);
        }
    }

    private void watchForEarlyDeath() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                ChildProcess child = awaited;
                if (child != null && child.exitCode().isPresent() && awaited == child) {
                    fifoEnd.write(DIED);
                    awaited = null;
                }
                Thread.sleep(WATCHDOG_POLL_MILLIS);
            }
        } catch (InterruptedException | IOException e) {
            // the trial is over
        }
    }

    @Benchmark
    public int startAndJoinEmpty() throws InterruptedException {
        ChildProcess child = new ChildProcess(EMPTY).start();
        child.join();
        return checkExit(child);
    }

    @Benchmark
    public int burst20() throws InterruptedException {
        List<ChildProcess> burst = new ArrayList<>(BURST);
        for (int i = 0; i < BURST; i++) {
            burst.add(new ChildProcess(EMPTY).start());
        }
        int sum = 0;
        for (ChildProcess child : burst) {
            child.join();
            sum += checkExit(child);
        }
        return sum;
    }

    private static int checkExit(ChildProcess child) {
        int code = child.exitCode().orElse(Integer.MIN_VALUE);
        if (code != 0) {
            throw new IllegalStateException("child ended with " + child.exitCode() + ": " + child);
        }
        return code;
    }

    /** Joins what startToRunning left running (outside the measured time). */
    @TearDown(Level.Iteration)
    public void joinStarted() throws InterruptedException {
        try {
            for (ChildProcess child : started) {
                child.join();
                checkExit(child);
            }
        } finally {
            started.clear();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        watchdog.interrupt();
        watchdog.join();
        try {
            fifoEnd.close();
            Files.deleteIfExists(fifo);
            Files.deleteIfExists(fifoDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
