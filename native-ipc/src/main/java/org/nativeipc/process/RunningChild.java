package org.nativeipc.process;

import static org.nativeipc.process.BootstrapProtocol.*;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.nativeipc.internal.memory.RegionFolder;
import org.nativeipc.internal.posix.NativeCallException;
import org.nativeipc.internal.posix.Posix;
import org.nativeipc.internal.posix.Spawner;

/**
 * A started child JVM seen from its parent: its pid, the parent's ends of the two bootstrap
 * pipes, and a reaper thread that collects its exit.
 *
 * <p>The reaper reads the status pipe until the child closes it (at exit), waits for the
 * child to end <em>without</em> reaping it, then reaps it under this object's lock. Signals
 * are sent under the same lock and only before reaping, so a signal can never reach another
 * process that was given the same pid afterwards. A child killed by a signal may not have run
 * its exit hooks, so the reaper removes the shared-memory regions it created.
 */
final class RunningChild {
    private static final int STATUS_BUFFER_BYTES = 64;

    private final long pid;
    private final int taskFd;
    private final int statusFd;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile boolean taskStarted;
    private int signalReported;
    private int terminatingSignalSent;
    private boolean reaped;
    private boolean ended;
    private Runnable onExit;
    private final java.util.concurrent.atomic.AtomicBoolean taskPipeClosed = new java.util.concurrent.atomic.AtomicBoolean();

    private RunningChild(long pid, int taskFd, int statusFd) {
        this.pid = pid;
        this.taskFd = taskFd;
        this.statusFd = statusFd;
    }

    /**
     * Spawns {@code command} with the two pipes in place and starts the reaper. The child JVM
     * boots and then waits for its task, which {@link #assign} sends; until then it can serve
     * as a spare (see {@link SpareJvm}).
     */
    static RunningChild spawn(List<String> command) {
        int[] task = Posix.pipe();
        int[] status;
        try {
            status = Posix.pipe();
        } catch (RuntimeException e) {
            Posix.close(task[0]);
            Posix.close(task[1]);
            throw e;
        }
        long pid;
        try {
            pid = Spawner.of(command).passDescriptor(task[0], TASK_FD).passDescriptor(status[1], STATUS_FD).spawn();
        } catch (RuntimeException e) {
            Posix.close(task[1]);
            Posix.close(status[0]);
            throw e;
        } finally {
            Posix.close(task[0]);
            Posix.close(status[1]);
        }
        RunningChild child = new RunningChild(pid, task[1], status[0]);
        Thread reaper = new Thread(child::reap, "nativeipc-reaper-" + pid);
        reaper.setDaemon(true);
        reaper.start();
        return child;
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
            int i = 0;
            while (i < bytes.length) {
                if (bytes[i] == READY) {
                    ready.complete(null);
                    i++;
                } else if (bytes[i] == STARTED) {
                    taskStarted = true;
                    i++;
                } else if (bytes[i] == ENDED_BY_SIGNAL && i + 1 < bytes.length) {
                    synchronized (this) {
                        signalReported = bytes[i + 1];
                    }
                    i += 2;
                } else if (bytes[i] == ENDED_BY_SIGNAL) {
                    break; // the signal number is still on its way
                } else {
                    i++; // unknown byte: ignore, the protocol only grows
                }
            }
            pending.reset();
            pending.write(bytes, i, bytes.length - i);
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

    /** True once the child reported that its task is running. */
    boolean taskStarted() {
        return taskStarted;
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
