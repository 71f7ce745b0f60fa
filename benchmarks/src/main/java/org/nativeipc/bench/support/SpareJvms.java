package org.nativeipc.bench.support;

import java.time.Duration;

import org.nativeipc.process.ChildProcess;

/**
 * The {@code spare} parameter of the benchmarks that start child JVMs: native-ipc's spare JVMs
 * (system property {@value #PROPERTY}) on, to compare with Python's forkserver, or off, every
 * child a cold JVM, to compare with Python's spawn.
 */
public final class SpareJvms {
    /** native-ipc's system property that turns spare JVMs off with {@code false}. */
    public static final String PROPERTY = "nativeipc.child.spare";
    /** Longest untimed wait for the spare JVMs to be ready before an iteration. */
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private SpareJvms() {
    }

    /**
     * Turns spare JVMs on or off for this trial.
     *
     * @param spare the benchmark's parameter, {@code "true"} or {@code "false"}
     */
    public static void use(String spare) {
        System.setProperty(PROPERTY, spare);
    }

    /**
     * With spares on, waits (untimed, before an iteration) until as many spare JVMs as recent
     * demand asks for are booted and waiting for a task; with spares off, returns at once.
     *
     * @param spare the benchmark's parameter, {@code "true"} or {@code "false"}
     * @throws InterruptedException if interrupted while waiting
     * @throws IllegalStateException if the spares were not ready within {@link #READY_TIMEOUT}
     */
    public static void awaitReady(String spare) throws InterruptedException {
        if (Boolean.parseBoolean(spare) && !ChildProcess.warmUp(READY_TIMEOUT)) {
            throw new IllegalStateException("no spare JVM was ready within " + READY_TIMEOUT);
        }
    }
}
