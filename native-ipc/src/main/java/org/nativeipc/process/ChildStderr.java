package org.nativeipc.process;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.nativeipc.internal.posix.NativeCallException;
import org.nativeipc.internal.posix.Posix;

/**
 * The parent's end of a child's descriptor 2 (see {@link BootstrapProtocol#STDERR_FD}). What
 * arrives before the child has booted is held: if the child dies first, it is the error the
 * {@code java} launcher printed (a bad option, a main class not found), and it goes into the
 * exception of {@link ChildProcess#start()} or the warning about a spare JVM instead of onto
 * the parent's stderr. Once the child has booted, what was held and whatever follows is copied
 * to the parent's stderr. One daemon thread per child reads the pipe until the child closes it.
 */
final class ChildStderr implements Runnable {
    /** Held at most before the child has booted; past that, everything is copied out. */
    static final int HELD_LIMIT_BYTES = 64 * 1024;
    private static final int BUFFER_BYTES = 4096;
    /** Small: the thread only copies bytes. */
    private static final long THREAD_STACK_BYTES = 128 * 1024;

    private final int pipeFd;
    private final int parentStderrFd;
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private boolean copying;

    private ChildStderr(int pipeFd, int parentStderrFd) {
        this.pipeFd = pipeFd;
        this.parentStderrFd = parentStderrFd;
    }

    /** Starts reading {@code pipeFd} (and closes it at end of file) on a thread of its own. */
    static ChildStderr start(int pipeFd, long childPid) {
        ChildStderr stderr = new ChildStderr(pipeFd, ChildBootstrap.stderrDescriptor());
        Thread reader = new Thread(null, stderr, "nativeipc-stderr-" + childPid, THREAD_STACK_BYTES);
        reader.setDaemon(true);
        reader.start();
        return stderr;
    }

    @Override
    public void run() {
        byte[] buffer = new byte[BUFFER_BYTES];
        try {
            int n;
            while ((n = Posix.read(pipeFd, buffer)) > 0) {
                arrived(buffer, n);
            }
        } catch (NativeCallException e) {
            // The pipe broke: nothing more will come.
        } finally {
            Posix.close(pipeFd);
            closed.complete(null);
        }
    }

    private synchronized void arrived(byte[] buffer, int n) {
        if (!copying && held.size() + n <= HELD_LIMIT_BYTES) {
            held.write(buffer, 0, n);
            return;
        }
        copyHeld();
        copy(buffer, n);
    }

    /** The child has booted: from now on its stderr goes to the parent's. */
    synchronized void childBooted() {
        copyHeld();
    }

    private void copyHeld() {
        copying = true;
        if (held.size() > 0) {
            copy(held.toByteArray(), held.size());
            held.reset();
        }
    }

    private void copy(byte[] bytes, int n) {
        try {
            Posix.writeFully(parentStderrFd, n == bytes.length ? bytes : Arrays.copyOf(bytes, n));
        } catch (NativeCallException parentStderrGone) {
            // Nowhere to copy to: the child's output is lost, as it would be on a closed stderr.
        }
    }

    /**
     * Waits at most {@code waitMillis} until the pipe has closed: the child has ended, and all it
     * wrote has been copied (a process the child started may hold the pipe open longer).
     */
    void awaitClosed(long waitMillis) {
        try {
            closed.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Go on with what has arrived so far.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the child printed before it booted, once the pipe has closed or {@code waitMillis} have passed. */
    String heldText(long waitMillis) {
        awaitClosed(waitMillis);
        synchronized (this) {
            return held.toString(StandardCharsets.UTF_8).strip();
        }
    }
}
