package org.nativeipc.process;

import static org.nativeipc.process.BootstrapProtocol.*;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.nativeipc.internal.memory.RegionFolder;
import org.nativeipc.internal.posix.NativeCallException;
import org.nativeipc.internal.posix.Posix;
import org.nativeipc.internal.posix.Spawner;

/**
 * A started child JVM seen from its parent: its pid, the parent's ends of the bootstrap pipes
 * (task, status, and the child's stderr: {@link ChildStderr}), and a reaper thread that collects
 * its exit.
 *
 * <p>The reaper reads the status pipe until the child closes it (at exit), waits for the
 * child to end <em>without</em> reaping it, then reaps it under this object's lock. Signals
 * are sent under the same lock and only before reaping, so a signal can never reach another
 * process that was given the same pid afterwards. A child killed by a signal may not have run
 * its exit hooks, so the reaper removes the shared-memory regions it created.
 */
final class RunningChild {
    private static final int STATUS_BUFFER_BYTES = 64;
    /** After the child's exit, how long its stderr may take to be copied before the exit is reported. */
    private static final long STDERR_DRAIN_MILLIS = 500;
    /** Task, status and stderr. */
    private static final int PIPES = 3;
    /** For {@link #spawn(List, int)}: stdin from {@code /dev/null}. */
    static final int NO_STANDARD_INPUT = -1;

    private final long pid;
    private final int taskFd;
    private final int statusFd;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final CompletableFuture<Void> taskStarted = new CompletableFuture<>();
    private final CompletableFuture<Void> startedUp = new CompletableFuture<>();
    private final ChildStderr stderr;
    private volatile boolean booted;
    private volatile String taskFailure;
    private int signalReported;
    private int terminatingSignalSent;
    private boolean reaped;
    private boolean ended;
    private Runnable onExit;
    private final java.util.concurrent.atomic.AtomicBoolean taskPipeClosed = new java.util.concurrent.atomic.AtomicBoolean();

    private RunningChild(long pid, int taskFd, int statusFd, ChildStderr stderr) {
        this.pid = pid;
        this.taskFd = taskFd;
        this.statusFd = statusFd;
        this.stderr = stderr;
    }

    /**
     * Spawns {@code command} with the two pipes in place and starts the reaper. The child JVM
     * boots and then waits for its task, which {@link #assign} sends; until then it can serve
     * as a spare (see {@link SpareJvm}).
     */
    static RunningChild spawn(List<String> command) {
        return spawn(command, NO_STANDARD_INPUT);
    }

    /** As {@link #spawn(List)}, with this process's {@code standardInput} as the child's stdin (if not {@link #NO_STANDARD_INPUT}). */
    static RunningChild spawn(List<String> command, int standardInput) {
        List<int[]> pipes = new ArrayList<>(PIPES);
        long pid;
        try {
            for (int i = 0; i < PIPES; i++) {
                pipes.add(Posix.pipe());
            }
        } catch (RuntimeException e) {
            pipes.forEach(RunningChild::closeBoth);
            throw e;
        }
        int[] task = pipes.get(0);
        int[] status = pipes.get(1);
        int[] stderr = pipes.get(2);
        try {
            Spawner spawner = Spawner.of(command)
                    .passDescriptor(task[0], TASK_FD)
                    .passDescriptor(status[1], STATUS_FD)
                    .passDescriptor(ChildBootstrap.stderrDescriptor(), STDERR_FD)
                    .standardError(stderr[1]);
            if (standardInput != NO_STANDARD_INPUT) {
                spawner.standardInput(standardInput);
            }
            pid = spawner.spawn();
        } catch (RuntimeException e) {
            Posix.close(task[1]);
            Posix.close(status[0]);
            Posix.close(stderr[0]);
            throw e;
        } finally {
            Posix.close(task[0]);
            Posix.close(status[1]);
            Posix.close(stderr[1]);
        }
        RunningChild child = new RunningChild(pid, task[1], status[0], ChildStderr.start(stderr[0], pid));
        Thread reaper = new Thread(child::reap, "nativeipc-reaper-" + pid);
        reaper.setDaemon(true);
        reaper.start();
        return child;
    }

    private static void closeBoth(int[] pipe) {
        Posix.close(pipe[0]);
        Posix.close(pipe[1]);
    }

    /**
     * Gives the waiting child its task. {@code onExit} runs once the child is reaped — on the
     * reaper thread, or at once here if the child has already ended.
     */
    void assign(byte[] message, Runnable onExit) {
        boolean endedAlready;
        synchronized (this) {
            this.onExit = onExit;
            endedAlready = ended;
        }
        if (endedAlready) {
            onExit.run();
            return;
        }
        byte[] framed = new byte[Integer.BYTES + message.length];
        java.nio.ByteBuffer.wrap(framed).putInt(message.length).put(message);
        try {
            Posix.writeFully(taskFd, framed);
        } catch (NativeCallException childGone) {
            // EPIPE: the child JVM died before reading its task (bad JVM option, say). Its exit
            // code and stderr tell why; join() reports it like any other exit.
        }
    }

    /** Closes the task pipe without a task: a waiting child sees end-of-file and exits quietly. */
    void discard() {
        closeTaskPipe();
    }

    private void closeTaskPipe() {
        if (taskPipeClosed.compareAndSet(false, true)) {
            Posix.close(taskFd);
        }
    }

    private void reap() {
        try {
            readStatusUntilClosed();
            Posix.awaitExitWithoutReaping(pid);
            stderr.awaitClosed(STDERR_DRAIN_MILLIS); // so join() returns after the child's last words
            int raw;
            synchronized (this) {
                raw = Posix.reap(pid);
                reaped = true;
            }
            int code = pythonExitCode(raw);
            if (code < 0) {
                // Killed, perhaps before its exit hooks could unlink the regions it created.
                RegionFolder.removeOrphans();
            }
            exit.complete(code);
        } catch (Throwable t) {
            exit.completeExceptionally(t);
        } finally {
            ready.complete(null); // ended without booting: nobody should wait for it any longer
            startedUp.complete(null);
            closeTaskPipe();
            Posix.close(statusFd);
            Runnable callback;
            synchronized (this) {
                ended = true;
                callback = onExit;
            }
            if (callback != null) {
                callback.run();
            }
        }
    }

    private void readStatusUntilClosed() {
        byte[] buffer = new byte[STATUS_BUFFER_BYTES];
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        int n;
        while ((n = Posix.read(statusFd, buffer)) > 0) {
            pending.write(buffer, 0, n);
            byte[] bytes = pending.toByteArray();
            int consumed = 0;
            int next;
            while ((next = consumeMessage(bytes, consumed)) > consumed) {
                consumed = next;
            }
            pending.reset();
            pending.write(bytes, consumed, bytes.length - consumed);
        }
    }

    /**
     * Acts on the status message that starts at {@code at}.
     *
     * @return where the next message starts, or {@code at} if this one is incomplete
     */
    private int consumeMessage(byte[] bytes, int at) {
        int left = bytes.length - at;
        if (left == 0) {
            return at;
        }
        switch (bytes[at]) {
            case READY:
                booted = true;
                stderr.childBooted();
                ready.complete(null);
                return at + 1;
            case STARTED:
                taskStarted.complete(null);
                return at + 1;
            case STARTED_UP:
                startedUp.complete(null);
                return at + 1;
            case ENDED_BY_SIGNAL:
                if (left < 2) {
                    return at; // the signal number is still on its way
                }
                synchronized (this) {
                    signalReported = bytes[at + 1];
                }
                return at + 2;
            case TASK_FAILED:
                if (left < 1 + Integer.BYTES) {
                    return at;
                }
                int length = java.nio.ByteBuffer.wrap(bytes, at + 1, Integer.BYTES).getInt();
                if (left < 1 + Integer.BYTES + length) {
                    return at;
                }
                taskFailure = new String(bytes, at + 1 + Integer.BYTES, length, java.nio.charset.StandardCharsets.UTF_8);
                return at + 1 + Integer.BYTES + length;
            default:
                return at + 1; // unknown byte: ignore, the protocol only grows
        }
    }

    /** A JVM ended by SIGTERM/SIGINT/SIGHUP exits 128+N after its hooks; Python says −N. */
    private synchronized int pythonExitCode(int raw) {
        int signal = raw - SIGNAL_EXIT_BASE;
        if (signal > 0 && (signal == signalReported || signal == terminatingSignalSent)) {
            return -signal;
        }
        return raw;
    }

    long pid() {
        return pid;
    }

    CompletableFuture<Integer> exit() {
        return exit;
    }

    /** Completes when the child JVM has booted and waits for its task (or has ended). */
    CompletableFuture<Void> ready() {
        return ready;
    }

    /** Completes when the child reports that its task is deserialized and about to run. */
    CompletableFuture<Void> taskStarted() {
        return taskStarted;
    }

    /**
     * Completes when the child's task says its start-up is over: at once after it started,
     * except for a binary task (a pool worker: once it is ready); or when the child has ended.
     */
    CompletableFuture<Void> startedUp() {
        return startedUp;
    }

    /** True once the child JVM has booted (ran the bootstrap's main). */
    boolean booted() {
        return booted;
    }

    /** Why the child could not read its task (a stack trace), or null. */
    String taskFailure() {
        return taskFailure;
    }

    /**
     * What the child printed on stderr before it booted: the {@code java} launcher's error if it
     * ended without booting. Waits up to {@code waitMillis} for the rest of it to arrive.
     */
    String bootErrorText(long waitMillis) {
        return stderr.heldText(waitMillis);
    }

    /**
     * Sends {@code signal} unless the child is already reaped.
     *
     * @return false if the child had already ended
     */
    synchronized boolean signal(Signal signal) {
        if (reaped) {
            return false;
        }
        if (signal == Signal.SIGTERM || signal == Signal.SIGINT || signal == Signal.SIGHUP) {
            terminatingSignalSent = signal.number();
        }
        return Posix.kill(pid, signal.number());
    }
}
