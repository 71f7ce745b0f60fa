package org.nativeipc.process;

import java.io.Serializable;

/**
 * How a parent and a child JVM talk while the child starts and ends. Two pipes are inherited:
 *
 * <ul>
 *   <li>{@link #TASK_FD} (parent to child): a 4-byte big-endian length, then the serialized
 *       {@link Message}.</li>
 *   <li>{@link #STATUS_FD} (child to parent): {@link #READY} once the JVM has booted and waits
 *       for its task; {@link #STARTED} once the task is about to run;
 *       {@link #ENDED_BY_SIGNAL} followed by the signal number when a signal ends the child
 *       (the JVM exits with 128+N after its shutdown hooks; this byte lets the parent report
 *       −N as Python does, without mistaking {@code System.exit(143)} for a SIGTERM).</li>
 * </ul>
 */
final class BootstrapProtocol {
    static final int TASK_FD = 3;
    static final int STATUS_FD = 4;
    static final byte READY = 'R';
    static final byte STARTED = 'S';
    static final byte ENDED_BY_SIGNAL = 'T';
    /** A JVM ended by signal N after running shutdown hooks exits with this plus N. */
    static final int SIGNAL_EXIT_BASE = 128;

    /**
     * What the child needs to become itself. A plain class, not a record: a record's
     * deserialization builds method handles, which costs a fresh JVM several milliseconds.
     */
    static final class Message implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Serializable body;
        private final String name;
        private final boolean daemon;
        private final String identity;
        private final long parentPid;

        Message(Serializable body, String name, boolean daemon, String identity, long parentPid) {
            this.body = body;
            this.name = name;
            this.daemon = daemon;
            this.identity = identity;
            this.parentPid = parentPid;
        }

        Serializable body() {
            return body;
        }

        String name() {
            return name;
        }

        boolean daemon() {
            return daemon;
        }

        String identity() {
            return identity;
        }

        long parentPid() {
            return parentPid;
        }
    }

    private BootstrapProtocol() {
    }
}
