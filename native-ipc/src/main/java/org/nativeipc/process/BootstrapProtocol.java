package org.nativeipc.process;

import java.io.Serializable;

/**
 * How a parent and a child JVM talk while the child starts and ends. Besides stdin
 * ({@code /dev/null}) and stdout (inherited), the child gets:
 *
 * <ul>
 *   <li>{@link #TASK_FD} (parent to child): a 4-byte big-endian length, then the serialized
 *       {@link Message}.</li>
 *   <li>{@link #STATUS_FD} (child to parent): {@link #READY} once the JVM has booted and waits
 *       for its task; {@link #STARTED} once the task is deserialized and about to run (the
 *       acknowledgement {@link ChildProcess#start()} waits for); {@link #TASK_FAILED} followed by
 *       a 4-byte big-endian length and that many bytes of UTF-8 text when the task cannot be
 *       read, just before the child exits with 1; {@link #ENDED_BY_SIGNAL} followed by the
 *       signal number when a signal ends the child (the JVM exits with 128+N after its shutdown
 *       hooks; this byte lets the parent report −N as Python does, without mistaking
 *       {@code System.exit(143)} for a SIGTERM).</li>
 *   <li>{@link #STDERR_FD}: the parent's stderr. The child's own descriptor 2 is a pipe to the
 *       parent, so that what the {@code java} launcher prints when it cannot boot (a bad option,
 *       a main class not found) reaches the parent's error message; the bootstrap points
 *       {@code System.err} at {@link #STDERR_FD} first thing, so the task's output goes straight
 *       to the parent's stderr, and the parent copies what still arrives on the pipe (native
 *       messages of the JVM) to its stderr once the child has booted.</li>
 * </ul>
 */
final class BootstrapProtocol {
    static final int TASK_FD = 3;
    static final int STATUS_FD = 4;
    static final byte READY = 'R';
    static final byte STARTED = 'S';
    static final byte ENDED_BY_SIGNAL = 'T';
    static final byte TASK_FAILED = 'F';
    /** Longest failure text a child sends; a longer one is cut. */
    static final int FAILURE_TEXT_LIMIT_BYTES = 16 * 1024;
    static final int STDERR_FD = 5;
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
