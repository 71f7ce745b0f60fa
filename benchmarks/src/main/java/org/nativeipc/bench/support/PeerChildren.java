package org.nativeipc.bench.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.nativeipc.process.ChildProcess;
import org.nativeipc.process.ProcessTask;

/**
 * The other end(s) of a cross-process benchmark: child JVMs started with native-ipc's
 * {@link ChildProcess} (with the peer's own JVM flags), waited for until they say they are
 * ready, and joined — with a timeout and a clear message — when the trial ends.
 */
public final class PeerChildren {
    /** How long children may take to start and attach (a child JVM starts in ~0.1-0.5 s). */
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    /** How long children may take to drain and finish after the benchmark asks them to stop. */
    public static final Duration FINISH_TIMEOUT = Duration.ofSeconds(60);
    private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    private final List<ChildProcess> children = new ArrayList<>();
    private final ControlBlock control;

    public PeerChildren(ControlBlock control) {
        this.control = control;
    }

    /** Starts a child running {@code task} with {@code jvmOptions}. */
    public PeerChildren start(String name, ProcessTask task, String... jvmOptions) {
        children.add(new ChildProcess(task).name(name).daemon(true).jvmOptions(jvmOptions).start());
        return this;
    }

    /** Waits until every started child has incremented READY. */
    public void awaitReady() {
        awaitCount(() -> control.get(ControlBlock.READY), children.size(), READY_TIMEOUT, "to attach (READY)");
    }

    /** Waits until {@code counter} reaches {@code expected}, failing fast if a child died. */
    public void awaitCount(LongSupplier counter, long expected, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (counter.getAsLong() < expected) {
            for (ChildProcess child : children) {
                if (!child.isAlive() && counter.getAsLong() < expected) {
                    throw new IllegalStateException(child.name() + " ended (exit " + child.exitCode() + ") while the benchmark"
                            + " waited for the children " + what + ": " + control);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("children did not get " + what + " within " + timeout + ": " + control);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /** Throws if a child has ended: a producer spinning on a full ring calls this now and then. */
    public void checkAlive() {
        for (ChildProcess child : children) {
            if (!child.isAlive()) {
                throw new IllegalStateException(child.name() + " ended early (exit " + child.exitCode() + "): " + control);
            }
        }
    }

    /**
     * The end of a trial: asks the other side to stop once it has handled {@code sent}
     * messages (STOP_AT), joins the children, and throws unless they handled exactly
     * {@code sent} (RECEIVED) with no error (ERRORS, plus {@code localErrors} found on this side).
     */
    public void stopAndCheck(long sent, long localErrors) {
        control.set(ControlBlock.STOP_AT, sent);
        joinAll();
        long received = control.get(ControlBlock.RECEIVED);
        long errors = control.get(ControlBlock.ERRORS) + localErrors;
        if (received != sent || errors != 0) {
            throw new IllegalStateException("correctness check failed: sent " + sent + ", the other side handled "
                    + received + ", lost, out of order, corrupted or wrong echoes " + errors);
        }
    }

    /** Joins every child, killing the ones that do not end in time; throws if one failed. */
    public void joinAll() {
        try {
            for (ChildProcess child : children) {
                if (!child.join(FINISH_TIMEOUT)) {
                    child.kill();
                    child.join();
                    throw new IllegalStateException(child.name() + " did not finish within " + FINISH_TIMEOUT + ": " + control);
                }
                if (child.exitCode().orElse(-1) != 0) {
                    throw new IllegalStateException(child.name() + " failed with exit code " + child.exitCode() + ": " + control);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while joining the benchmark's children", e);
        } finally {
            for (ChildProcess child : children) {
                if (child.isAlive()) {
                    child.kill();
                }
            }
            children.clear();
        }
    }
}
