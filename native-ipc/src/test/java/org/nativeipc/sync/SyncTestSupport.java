package org.nativeipc.sync;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.nativeipc.process.ChildProcess;
import org.nativeipc.process.ProcessTask;
import org.nativeipc.testing.ChildAssertions;

/** Base of the sync tests: children started here are killed after each test. */
abstract class SyncTestSupport {
    /** Longest any single wait in these tests may take before it counts as a hang. */
    static final Duration WAIT = Duration.ofSeconds(90);
    /** Slack over a takeover bound, for a loaded 2-core machine (the bound itself is ~220 ms). */
    static final Duration TAKEOVER_SLACK = Duration.ofSeconds(5);
    /** How long a child "works" inside a critical section it is killed in. */
    static final long FOREVER_MILLIS = 60_000;

    final List<ChildProcess> children = new ArrayList<>();

    @AfterEach
    void killChildren() {
        ChildAssertions.killAll(children);
    }

    ChildProcess start(String name, ProcessTask task) {
        ChildProcess child = new ChildProcess(task).name(name);
        children.add(child);
        return child.start();
    }

    /** Appends a line to {@code file} (children log their steps this way). */
    static void appendLine(String file, String line) throws IOException {
        Files.writeString(Path.of(file), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.SYNC);
    }

    /** Serializes and deserializes {@code object} in this process, as a task's capture would be. */
    @SuppressWarnings("unchecked")
    static <T> T roundTrip(T object) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    /** A blocking call, for {@link #assertInterruptEnds}. */
    @FunctionalInterface
    interface Blocking {
        void run() throws Exception;
    }

    /**
     * Runs {@code blocking} on a new thread, waits until {@code waiting} says it blocks,
     * interrupts it, and asserts that the call ended with {@link InterruptedException}.
     */
    static void assertInterruptEnds(Blocking blocking, BooleanSupplier waiting, String what) throws InterruptedException {
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            try {
                blocking.run();
                outcome.set(new AssertionError(what + " returned instead of throwing"));
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        waiter.start();
        TestCounters.awaitTrue(waiting, WAIT, "the thread to block in " + what);
        waiter.interrupt();
        waiter.join(WAIT.toMillis());
        assertFalse(waiter.isAlive(), what + " did not respond to the interrupt");
        assertInstanceOf(InterruptedException.class, outcome.get(), what);
    }

    static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
