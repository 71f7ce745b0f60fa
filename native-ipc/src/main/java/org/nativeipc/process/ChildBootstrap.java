package org.nativeipc.process;

import static org.nativeipc.process.BootstrapProtocol.*;

import java.io.BufferedOutputStream;
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
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import org.nativeipc.internal.launch.BinaryTask;

/**
 * The {@code main} of every child JVM: reads the task from the inherited pipe, becomes the
 * child ({@link CurrentProcess}), watches for the parent's death, and runs the task.
 *
 * <p>Only JDK classes are touched on the path to a task — no jnr-ffi, no jnr-posix — because
 * loading them costs hundreds of milliseconds in a fresh JVM; a spare JVM, waiting for its task,
 * binds jnr-ffi meanwhile. The inherited descriptors are opened
 * through {@code /dev/fd}. The bootstrap prints nothing of its own: a task that cannot be read
 * is reported to the parent, whose {@code start()} throws with the reason; the task's own
 * output and an uncaught exception's stack trace go to the parent's stderr as usual.
 */
public final class ChildBootstrap {
    private static final int EXIT_FAILURE = 1;
    /** How often a daemon child checks that its parent still lives (bounds the delay to notice). */
    private static final long PARENT_POLL_MILLIS = 100;
    /** Like the JDK's own {@code System.err}. */
    private static final int STDERR_BUFFER_BYTES = 128;
    private static volatile OutputStream status;
    private static volatile int ownStderr = 2;
    private static final boolean LINUX = System.getProperty("os.name", "").startsWith("Linux");
    /** The line of {@code /proc/self/fdinfo/N} with the open flags, in octal. */
    private static final String FDINFO_FLAGS = "flags:";
    private static final int OCTAL = 8;
    /** Linux's {@code O_APPEND}. */
    private static final int O_APPEND = 02000;
    /** The class whose initialization loads a pool worker's classes (see {@link #warmUp}). */
    private static final String POOL_WORKER_PRELOAD = "org.nativeipc.pool.WorkerPreload";

    private ChildBootstrap() {
    }

    /**
     * Runs the task that the parent sends over the pipes this JVM inherits. Not for direct use:
     * {@link ChildProcess#start()} launches it.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        useParentStderr();
        Message message;
        BinaryTask.Runner runner;
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
            runner = message.runner() == null ? null : newRunner(message.runner());
        } catch (Throwable t) {
            // The parent's start() throws with this text; the child prints nothing itself.
            reportFailure(t);
            System.exit(EXIT_FAILURE);
            return;
        }
        CurrentProcess.becomeChild(message.name(), message.daemon(), message.identity());
        if (message.daemon()) {
            watchParent(message.parentPid());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(new FlushAtExit(), "nativeipc-flush"));
        StartUpReport startedUp = new StartUpReport(false);
        if (runner == null) {
            report(new byte[] {STARTED, STARTED_UP}); // a plain task's start-up is the parent's business no more
        } else {
            report(new byte[] {STARTED});
        }
        try {
            if (runner != null) {
                runner.run(message.payload(), startedUp);
                startedUp.run();
            } else if (message.body() instanceof ChildProcess process) {
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
        return decode(bytes);
    }

    /** A message in either form (see {@link BootstrapProtocol}). */
    private static Message decode(byte[] bytes) throws IOException, ClassNotFoundException {
        if (bytes.length == 0 || bytes[0] != FORM_BINARY && bytes[0] != FORM_SERIALIZED) {
            throw new IOException("the parent sent a task message of an unknown form (" + (bytes.length == 0 ? "empty" : "first byte "
                    + bytes[0]) + "): the parent and this child run different versions of native-ipc");
        }
        if (bytes[0] == FORM_BINARY) {
            return BootstrapProtocol.readBinary(bytes);
        }
        try (ObjectInputStream objects = new ObjectInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1))) {
            return (Message) objects.readObject();
        }
    }

    /** The runner of a binary task, by class name. */
    private static BinaryTask.Runner newRunner(String className) throws ClassNotFoundException {
        return BinaryTask.newRunner(Class.forName(className, false, ChildBootstrap.class.getClassLoader()));
    }

    /**
     * Runs a task's deserialization once on a sample, so the classes and method handles it
     * needs are loaded and linked before the real task arrives.
     */
    private static void warmUp() {
        try {
            ProcessTask sample = () -> { };
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.write(FORM_SERIALIZED);
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(new Message(sample, "warm-up", false, "", 0));
            }
            decode(bytes.toByteArray());
            // The binary form, as the library's own tasks (pool workers) travel.
            Message binary = decode(BootstrapProtocol.binaryMessage(new IdleTask(), "warm-up", false, "", 0));
            newRunner(binary.runner()).run(binary.payload(), new StartUpReport(true));
            // Binds jnr-ffi's C library (about 0.3 s in a fresh JVM): a spare has the time, and
            // the task then need not pay it for its first shared object (pool workers, daemon
            // children's parent watch). Only spares and AOT training runs get here.
            org.nativeipc.internal.posix.Posix.parentPid();
            // Pools start their workers on spares: load and link what a worker runs before it is
            // ready (its static initializer does), rather than while the pool waits for it.
            Class.forName(POOL_WORKER_PRELOAD, true, ChildBootstrap.class.getClassLoader());
        } catch (Exception | LinkageError e) {
            // Only an optimization: the real task will report any real problem.
        }
    }

    /** A binary task that does nothing: the spare's warm-up sends itself one (see {@link #warmUp}). */
    private static final class IdleTask implements BinaryTask, BinaryTask.Runner {
        private static final long serialVersionUID = 1L;

        @Override
        public Class<? extends BinaryTask.Runner> runner() {
            return IdleTask.class;
        }

        @Override
        public byte[] payload() {
            return new byte[0];
        }

        @Override
        public void run(byte[] payload, Runnable startedUp) {
            startedUp.run(); // nothing else: only the way here matters
        }
    }

    /** Tells the parent, once, that a binary task's start-up is over ({@link BootstrapProtocol#STARTED_UP}). */
    private static final class StartUpReport implements Runnable {
        private final AtomicBoolean sent;

        /** @param silent true for the warm-up's sample task, which must tell the parent nothing */
        StartUpReport(boolean silent) {
            this.sent = new AtomicBoolean(silent);
        }

        @Override
        public void run() {
            if (sent.compareAndSet(false, true)) {
                report(new byte[] {STARTED_UP});
            }
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
        Thread watcher = new Thread(new ParentWatch(parentPid), "nativeipc-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** The loop of {@link #watchParent}. A class, not a lambda (see {@link EndBySignal}). */
    private static final class ParentWatch implements Runnable {
        private final long parentPid;

        ParentWatch(long parentPid) {
            this.parentPid = parentPid;
        }

        @Override
        public void run() {
            try {
                while (CurrentProcess.parentPid() == parentPid) {
                    Thread.sleep(PARENT_POLL_MILLIS);
                }
            } catch (InterruptedException e) {
                return;
            }
            endBySignal(Signal.SIGTERM);
        }
    }

    /** The shutdown hook that flushes the standard streams. A class, not a method reference (see {@link EndBySignal}). */
    private static final class FlushAtExit implements Runnable {
        @Override
        public void run() {
            flushStandardStreams();
        }
    }

    /**
     * Points {@code System.err} at the parent's stderr ({@link BootstrapProtocol#STDERR_FD}),
     * like the JDK's own: autoflush, a 128-byte buffer, the stderr encoding. Descriptor 2 stays
     * the pipe on which the parent saw whatever the launcher printed before this ran, and which
     * it keeps copying to its stderr.
     *
     * <p>Opening {@code /dev/fd/N} duplicates the descriptor on macOS, but on Linux it opens the
     * file again, with an offset of its own: fine for a pipe, a terminal or a file opened for
     * appending, but a plain file ({@code 2> log}) would be overwritten where the parent writes
     * next. Then, and when the open fails (a socket), {@code System.err} stays on descriptor 2
     * and reaches the parent's stderr through the parent's copy.
     */
    private static void useParentStderr() {
        Path parentStderr = Path.of("/dev/fd/" + STDERR_FD);
        if (LINUX && !reopensAsSharedStream(parentStderr)) {
            return;
        }
        try {
            FileOutputStream out = new FileOutputStream(parentStderr.toString(), true);
            System.setErr(new PrintStream(new BufferedOutputStream(out, STDERR_BUFFER_BYTES), true, stderrCharset()));
            ownStderr = STDERR_FD;
        } catch (IOException | RuntimeException cannotReopen) {
            // Not started by ChildProcess, or a socket: System.err stays on descriptor 2.
        }
    }

    /** False for a plain file not opened for appending (see {@link #useParentStderr}). */
    private static boolean reopensAsSharedStream(Path descriptor) {
        try {
            if (!Files.isRegularFile(descriptor)) {
                return true;
            }
            for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo/" + STDERR_FD))) {
                if (line.startsWith(FDINFO_FLAGS)) {
                    return (Integer.parseInt(line.substring(FDINFO_FLAGS.length()).strip(), OCTAL) & O_APPEND) != 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Cannot tell: keep descriptor 2.
        }
        return false;
    }

    private static Charset stderrCharset() {
        String name = System.getProperty("stderr.encoding", System.getProperty("sun.stderr.encoding"));
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (IllegalArgumentException unknown) {
            return Charset.defaultCharset();
        }
    }

    /**
     * The descriptor of this JVM's stderr, as its children should inherit it: 2, or in a child
     * of native-ipc the parent's stderr that {@code System.err} writes to.
     */
    static int stderrDescriptor() {
        return ownStderr;
    }

    /** Tells the parent why the task could not be read: the stack trace, cut to the limit. */
    private static void reportFailure(Throwable t) {
        if (status == null) {
            return; // the status pipe itself is missing: the exit code is all the parent gets
        }
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        byte[] text = trace.toString().getBytes(StandardCharsets.UTF_8);
        int length = Math.min(text.length, FAILURE_TEXT_LIMIT_BYTES);
        ByteBuffer framed = ByteBuffer.allocate(1 + Integer.BYTES + length);
        framed.put(TASK_FAILED).putInt(length).put(text, 0, length);
        report(framed.array());
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
