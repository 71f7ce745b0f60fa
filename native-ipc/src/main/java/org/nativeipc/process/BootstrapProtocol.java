package org.nativeipc.process;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;

import org.nativeipc.internal.launch.BinaryTask;

/**
 * How a parent and a child JVM talk while the child starts and ends. Besides stdin
 * ({@code /dev/null}) and stdout (inherited), the child gets:
 *
 * <ul>
 *   <li>{@link #TASK_FD} (parent to child): a 4-byte big-endian length, then the message, whose
 *       first byte says its form: {@link #FORM_SERIALIZED}, then the Java-serialized
 *       {@link Message}; or {@link #FORM_BINARY} for a {@link BinaryTask}, then the child's name,
 *       whether it is a daemon, its identity, the parent's pid, the runner's class name (as
 *       {@link DataOutputStream} writes them) and the task's payload to the end.</li>
 *   <li>{@link #STATUS_FD} (child to parent): {@link #READY} once the JVM has booted and waits
 *       for its task; {@link #STARTED} once the task is deserialized and about to run (the
 *       acknowledgement {@link ChildProcess#start()} waits for); {@link #STARTED_UP} once the
 *       task's own start-up is over (at once after {@link #STARTED}, except for a
 *       {@link BinaryTask}, which says when: spares are refilled only after it, see
 *       {@link SpareRefill}); {@link #TASK_FAILED} followed by
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
    /** The message is a Java-serialized {@link Message}. */
    static final byte FORM_SERIALIZED = 'J';
    /** The message carries a {@link BinaryTask}'s runner and payload. */
    static final byte FORM_BINARY = 'B';
    /** Room for a binary message's fields besides the payload (names of up to about 100 characters). */
    private static final int BINARY_HEADER_ESTIMATE_BYTES = 256;
    static final int STATUS_FD = 4;
    static final byte READY = 'R';
    static final byte STARTED = 'S';
    static final byte STARTED_UP = 'U';
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
     * It holds a serializable body, or (in the binary form) a runner's class name and payload.
     */
    static final class Message implements Serializable {
        private static final long serialVersionUID = 2L;
        private final Serializable body;
        private final String name;
        private final boolean daemon;
        private final String identity;
        private final long parentPid;
        private final String runner;
        private final byte[] payload;

        Message(Serializable body, String name, boolean daemon, String identity, long parentPid) {
            this(body, name, daemon, identity, parentPid, null, null);
        }

        private Message(Serializable body, String name, boolean daemon, String identity, long parentPid, String runner,
                        byte[] payload) {
            this.body = body;
            this.name = name;
            this.daemon = daemon;
            this.identity = identity;
            this.parentPid = parentPid;
            this.runner = runner;
            this.payload = payload;
        }

        /** The serializable task or {@code ChildProcess} subclass; null in the binary form. */
        Serializable body() {
            return body;
        }

        /** The class name of the binary task's runner; null in the serialized form. */
        String runner() {
            return runner;
        }

        /** The binary task's payload; null in the serialized form. */
        byte[] payload() {
            return payload;
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

    /** The message ({@link #FORM_BINARY}) that sends {@code task} to a child. */
    static byte[] binaryMessage(BinaryTask task, String name, boolean daemon, String identity, long parentPid) {
        byte[] payload = task.payload();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(payload.length + BINARY_HEADER_ESTIMATE_BYTES);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORM_BINARY);
            out.writeUTF(name);
            out.writeBoolean(daemon);
            out.writeUTF(identity);
            out.writeLong(parentPid);
            out.writeUTF(task.runner().getName());
            out.write(payload);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the task of " + name, e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /** Reads a message of the form {@link #FORM_BINARY} (its first byte). */
    static Message readBinary(byte[] message) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(message, 1, message.length - 1));
        String name = in.readUTF();
        boolean daemon = in.readBoolean();
        String identity = in.readUTF();
        long parentPid = in.readLong();
        String runner = in.readUTF();
        return new Message(null, name, daemon, identity, parentPid, runner, in.readAllBytes());
    }

    private BootstrapProtocol() {
    }
}
