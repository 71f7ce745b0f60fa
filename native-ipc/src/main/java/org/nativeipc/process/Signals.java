package org.nativeipc.process;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Signal handlers for the current process: Python's {@code signal.signal}. A handler runs on a
 * thread of its own, as the JVM delivers signals; it may do anything, including
 * {@code System.exit}.
 *
 * <p>Handlers can be set for the signals the JVM lets an application take: SIGHUP, SIGINT,
 * SIGTERM, SIGUSR1, SIGUSR2, SIGALRM, SIGCHLD, SIGCONT, SIGWINCH, SIGPIPE. In a child, SIGTERM,
 * SIGINT and SIGHUP start with the library's own handler, which runs shutdown hooks and ends
 * the child so that its parent sees exit code −N, as in Python; {@link #reset} restores that.
 */
public final class Signals {
    private static final Map<Signal, sun.misc.SignalHandler> ORIGINAL = new ConcurrentHashMap<>();

    private Signals() {
    }

    /**
     * Runs {@code handler} whenever this process receives {@code signal}, instead of what the
     * signal did before.
     *
     * @param signal the signal to handle
     * @param handler what to run, given the signal, on a thread of the JVM's signal dispatcher
     * @throws IllegalArgumentException if the signal cannot be caught (SIGKILL, SIGSTOP) or is
     *     reserved by the JVM (SIGQUIT prints thread dumps; SIGSEGV and others are the JVM's)
     */
    public static void handle(Signal signal, Consumer<Signal> handler) {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(handler, "handler");
        install(signal, s -> handler.accept(signal));
    }

    /**
     * Restores what {@code signal} did before the first {@link #handle} call for it.
     *
     * @param signal the signal whose handler to restore
     */
    public static void reset(Signal signal) {
        Objects.requireNonNull(signal, "signal");
        sun.misc.SignalHandler original = ORIGINAL.get(signal);
        if (original != null) {
            install(signal, original);
        }
    }

    static void install(Signal signal, sun.misc.SignalHandler handler) {
        if (signal == Signal.SIGKILL || signal == Signal.SIGSTOP) {
            throw new IllegalArgumentException(signal + " cannot be caught or handled by any process");
        }
        sun.misc.SignalHandler previous;
        try {
            previous = sun.misc.Signal.handle(new sun.misc.Signal(signal.shortName()), handler);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(signal + " cannot be handled in a JVM: " + e.getMessage()
                    + "; use SIGUSR1, SIGUSR2, SIGHUP, SIGINT or SIGTERM", e);
        }
        ORIGINAL.putIfAbsent(signal, previous);
    }
}
