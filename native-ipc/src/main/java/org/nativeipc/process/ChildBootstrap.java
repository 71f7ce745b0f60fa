package org.nativeipc.process;

import static org.nativeipc.process.BootstrapProtocol.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;

/**
 * The {@code main} of every child JVM: reads the task from the inherited pipe, becomes the
 * child ({@link CurrentProcess}), watches for the parent's death, and runs the task.
 *
 * <p>Only JDK classes are touched on this path — no jnr-ffi, no jnr-posix — because loading
 * them costs hundreds of milliseconds in a fresh JVM. The inherited descriptors are opened
 * through {@code /dev/fd}.
 */
public final class ChildBootstrap {
    private static final int EXIT_FAILURE = 1;
    /** How often a daemon child checks that its parent still lives (bounds the delay to notice). */
    private static final long PARENT_POLL_MILLIS = 100;
    private static volatile OutputStream status;

    private ChildBootstrap() {
    }

    public static void main(String[] args) {
        Message message;
        try (InputStream fromParent = new FileInputStream("/dev/fd/" + TASK_FD)) {
            status = new FileOutputStream("/dev/fd/" + STATUS_FD);
            for (Signal s : new Signal[] {Signal.SIGTERM, Signal.SIGINT, Signal.SIGHUP}) {
                Signals.install(s, new EndBySignal(s));
            }
            if (fromParent.available() == 0) {
                warmUp(); // a spare JVM: use the wait to load what every task needs
            }
            report(new byte[] {READY});
            message = readMessage(fromParent);
            if (message == null) {
                return; // a spare that was never used: the parent closed the pipe or ended
            }
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            System.err.println("native-ipc child could not read its task from the parent: " + e);
            e.printStackTrace();
            System.exit(EXIT_FAILURE);
            return;
        }
        CurrentProcess.becomeChild(message.name(), message.daemon(), message.identity());
        if (message.daemon()) {
            watchParent(message.parentPid());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(ChildBootstrap::flushStandardStreams, "nativeipc-flush"));
        report(new byte[] {STARTED});
        try {
            if (message.body() instanceof ChildProcess process) {
                process.run();
            } else {
                ((ProcessTask) message.body()).run();
            }
        } catch (Throwable t) {
            System.err.println("Process " + message.name() + ":");
            t.printStackTrace();
            System.exit(EXIT_FAILURE);
        }
        flushStandardStreams();
    }

    /** The message, or null if the pipe closed before its first byte. */
    private static Message readMessage(InputStream in) throws IOException, ClassNotFoundException {
        DataInputStream data = new DataInputStream(in);
        int first = data.read();
        if (first < 0) {
            return null;
        }
        int length = (first << 24) | (data.readUnsignedByte() << 16) | (data.readUnsignedByte() << 8) | data.readUnsignedByte();
        byte[] bytes = data.readNBytes(length);
        if (bytes.length != length) {
            throw new IOException("the parent sent " + bytes.length + " of " + length + " task bytes, then closed the pipe");
        }
        return deserialize(bytes);
    }

    private static Message deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream objects = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (Message) objects.readObject();
        }
    }

    /**
     * Runs a task's deserialization once on a sample, so the classes and method handles it
     * needs are loaded and linked before the real task arrives.
     */
    private static void warmUp() {
        try {
            ProcessTask sample = () -> { };
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(new Message(sample, "warm-up", false, "", 0));
            }
            deserialize(bytes.toByteArray());
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            // Only an optimization: the real task will report any real problem.
        }
    }

    /**
     * The child's default handler of SIGTERM, SIGINT and SIGHUP. A class, not a lambda: the
     * first lambda of a JVM costs milliseconds of bootstrapping, which a task that is no
     * lambda need not pay.
     */
    private static final class EndBySignal implements sun.misc.SignalHandler {
        private final Signal signal;

        EndBySignal(Signal signal) {
            this.signal = signal;
        }

        @Override
        public void handle(sun.misc.Signal ignored) {
            endBySignal(signal);
        }
    }

    /**
     * Ends the child because of {@code signal}: tells the parent, then exits through the
     * shutdown hooks with 128+N, which the parent reports as −N.
     */
    static void endBySignal(Signal signal) {
        report(new byte[] {ENDED_BY_SIGNAL, (byte) signal.number()});
        System.exit(SIGNAL_EXIT_BASE + signal.number());
    }

    /**
     * For a daemon child, a daemon thread that notices the parent's death and ends the child.
     * It polls the parent pid ({@code getppid}; it changes when the parent dies and this process
     * is adopted) rather than blocking in a read of the task pipe: HotSpot waits up to 300 ms
     * at exit for threads blocked in native code, which would slow every child's exit.
     */
    private static void watchParent(long parentPid) {
        Thread watcher = new Thread(() -> {
            try {
                while (CurrentProcess.parentPid() == parentPid) {
                    Thread.sleep(PARENT_POLL_MILLIS);
                }
            } catch (InterruptedException e) {
                return;
            }
            endBySignal(Signal.SIGTERM);
        }, "nativeipc-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static synchronized void report(byte[] bytes) {
        try {
            status.write(bytes);
            status.flush();
        } catch (IOException parentGone) {
            // Nobody left to tell.
        }
    }

    private static void flushStandardStreams() {
        System.out.flush();
        System.err.flush();
    }
}
