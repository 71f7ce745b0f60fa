package org.nativeipc.process;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.nativeipc.internal.launch.BinaryTask;
import org.nativeipc.internal.posix.NativeCallException;
import org.nativeipc.internal.posix.SocketDescriptors;

/**
 * Java code running in a child JVM: Python's {@code multiprocessing.Process}.
 *
 * <pre>{@code
 * ChildProcess p = new ChildProcess(() -> System.out.println("hello from " + CurrentProcess.pid()));
 * p.start();
 * p.join();
 * p.exitCode();   // OptionalInt[0]
 * }</pre>
 *
 * <p>Give the constructor a {@link ProcessTask} (a lambda), or subclass and override
 * {@link #run()}. {@link #start()} spawns a new JVM with {@code posix_spawn} — the running
 * JDK's {@code java}, the {@linkplain #jvmOptions JVM options}, and the class path (or module
 * path) where native-ipc and the task's classes come from in this JVM (see
 * {@link #classPath(String)}) — sends it the task (or this object, for a subclass) serialized
 * over an inherited pipe, and returns once the child runs it; a child that cannot get that far
 * makes {@code start()} throw a {@link ChildStartException} with the child's own error. The
 * child's stdout and stderr go to the parent's, so its prints show up beside the parent's; its
 * stdin is {@code /dev/null}, or a socket given with {@link #inheritChannel}.
 *
 * <p><b>Exit codes</b> follow Python: 0 when the task returns, N after {@code System.exit(N)},
 * 1 after an uncaught exception (its stack trace goes to the child's stderr), and −N after
 * death by signal N. A JVM ends on SIGTERM, SIGINT or SIGHUP by running its shutdown hooks and
 * exiting with 128+N; the child tells the parent which signal it was, so {@link #terminate()}
 * still reports −15 and {@link #kill()} −9.
 *
 * <p><b>Daemon children</b> end when their parent ends — also when the parent is killed with
 * SIGKILL: the child notices within about 100 ms that it was orphaned, and ends as if
 * terminated — and may not start children of their own. At the
 * parent's normal exit, live daemon children are terminated and other children are joined,
 * as Python does.
 *
 * <p>Children are always reaped (no zombies); {@link #exitCode()}, {@link #isAlive()} and
 * {@link #join()} agree whichever is called first, from any thread.
 */
public class ChildProcess implements AutoCloseable, Serializable {
    private static final long serialVersionUID = 1L;
    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** What the child runs, or null for a subclass that overrides {@link #run()}. */
    private final ProcessTask task;
    /** The child's name: {@link CurrentProcess#name()} there. */
    private String name;
    /** Whether the child ends with its parent. */
    private boolean daemon;
    /** Python's {@code _identity}: "1:2" for the second child of the first child. */
    private final String identity;
    private transient List<String> jvmOptions = List.of();
    private transient String classPath;
    private transient java.nio.channels.Channel inheritedChannel;
    private transient volatile RunningChild running;
    private transient volatile boolean closed;

    /**
     * A child that will run {@code task}.
     *
     * @param task the code to run in the child, with what it captures
     */
    public ChildProcess(ProcessTask task) {
        this.task = Objects.requireNonNull(task, "task: give the code the child should run");
        this.identity = nextIdentity();
        this.name = "ChildProcess-" + identity;
    }

    /** For subclasses that override {@link #run()}; the subclass instance is sent to the child. */
    protected ChildProcess() {
        this.task = null;
        this.identity = nextIdentity();
        this.name = "ChildProcess-" + identity;
    }

    private static String nextIdentity() {
        String parent = CurrentProcess.identity();
        int n = COUNTER.incrementAndGet();
        return parent.isEmpty() ? Integer.toString(n) : parent + ":" + n;
    }

    /**
     * What the child runs. By default, the task given to the constructor; subclasses override
     * it. Runs in the child only.
     *
     * @throws Exception anything; it ends the child with exit code 1
     */
    protected void run() throws Exception {
        if (task == null) {
            throw new IllegalStateException(getClass().getName() + " neither overrides run() nor was given a task");
        }
        task.run();
    }

    // ---- configuration (before start) -------------------------------------------------------

    /**
     * Sets the name (default {@code ChildProcess-N}); the child sees it as {@link CurrentProcess#name()}.
     *
     * @param name a name that is not blank
     * @return this
     * @throws IllegalStateException if already started or closed
     */
    public ChildProcess name(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name is blank: give the child a name you will recognize in logs");
        }
        requireNotStarted("name(...)");
        this.name = name;
        return this;
    }

    /**
     * Makes this a daemon child (ends with its parent, may not have children); default false.
     *
     * @param daemon true for a daemon child
     * @return this
     * @throws IllegalStateException if already started or closed
     */
    public ChildProcess daemon(boolean daemon) {
        requireNotStarted("daemon(...)");
        this.daemon = daemon;
        return this;
    }

    /**
     * JVM options for the child, such as {@code "-Xmx256m"} or {@code "-Dkey=value"}, added after
     * the defaults (see the package documentation). Replaces options given earlier.
     *
     * @param options one JVM option per argument
     * @return this
     * @throws IllegalArgumentException if an option is null or blank
     * @throws IllegalStateException if already started or closed
     */
    public ChildProcess jvmOptions(String... options) {
        Objects.requireNonNull(options, "options");
        for (int i = 0; i < options.length; i++) {
            if (options[i] == null || options[i].isBlank()) {
                throw new IllegalArgumentException("JVM option #" + i + " is " + (options[i] == null ? "null" : "blank")
                        + ": give options such as \"-Xmx256m\"");
            }
        }
        requireNotStarted("jvmOptions(...)");
        this.jvmOptions = List.of(options);
        return this;
    }

    /**
     * Sets the child's class path, as for {@code java -cp}: entries separated by
     * {@link java.io.File#pathSeparator}. By default (and if {@code null} is given) it is the
     * system property {@code nativeipc.child.classPath}, or else derived from where native-ipc
     * and the task's classes come from in this JVM — the class path, the class loaders' URLs, the
     * module path or a Spring Boot jar (see the package documentation). Set it when a task's
     * classes come from somewhere that cannot be derived, such as classes defined at run time.
     *
     * @param classPath the child's class path, or null for the default
     * @return this
     * @throws IllegalArgumentException if {@code classPath} is blank
     * @throws IllegalStateException if already started or closed
     */
    public ChildProcess classPath(String classPath) {
        if (classPath != null && classPath.isBlank()) {
            throw new IllegalArgumentException("class path is blank: give entries separated by '" + java.io.File.pathSeparator
                    + "', or null for the derived class path");
        }
        requireNotStarted("classPath(...)");
        this.classPath = classPath;
        return this;
    }

    /**
     * Gives the child a socket of this JVM as its {@link System#inheritedChannel()}, the way
     * inetd hands a server its connection: the socket becomes the child's standard input
     * (descriptor 0), which the child's JDK turns into a {@link java.nio.channels.SocketChannel}
     * (for a connected socket) or a {@link java.nio.channels.ServerSocketChannel} (for a listening
     * one). Both processes then hold the socket: a parent that hands a connection over closes
     * its own channel after {@link #start()}; a connection ends when both have closed it. Such a
     * child starts a JVM of its own, not a spare (a spare's standard input is already set).
     *
     * @param channel an open, bound {@link java.nio.channels.ServerSocketChannel} or a connected
     *     {@link java.nio.channels.SocketChannel} over TCP; it must stay open until {@code start()}
     *     returns
     * @return this
     * @throws IllegalArgumentException if {@code channel} is another kind of channel, not TCP,
     *     closed, unbound or unconnected
     * @throws IllegalStateException if already started or closed
     */
    public ChildProcess inheritChannel(java.nio.channels.Channel channel) {
        SocketDescriptors.of(channel); // fails now rather than at start() if it cannot be passed
        requireNotStarted("inheritChannel(...)");
        this.inheritedChannel = channel;
        return this;
    }

    // ---- lifecycle ------------------------------------------------------------------------------

    /**
     * Starts the child JVM, sends it the task and returns once the child has read the task and
     * is about to run it. If the child cannot get that far — no {@code java}, a JVM that cannot
     * boot (a bad JVM option, native-ipc missing from its class path), a class of the task
     * missing in the child — this throws a {@link ChildStartException} that quotes the child's
     * own error and names the fix, at the latest after the start timeout (system property
     * {@code nativeipc.child.startTimeout}, in seconds, default 60), when a silent child is killed.
     *
     * @return this
     * @throws IllegalStateException if already started or closed, or if called in a daemon child
     * @throws IllegalArgumentException if the task (or this subclass) is not serializable; the
     *     message names the class that is not; or if the {@linkplain #inheritChannel channel}
     *     to inherit was closed meanwhile
     * @throws ChildStartException if the child ended, or was killed, before it ran its task
     */
    public synchronized ChildProcess start() {
        requireNotStarted("start()");
        if (CurrentProcess.isDaemon()) {
            throw new IllegalStateException("daemonic processes are not allowed to have children: "
                    + CurrentProcess.name() + " is a daemon; make it non-daemon to let it start " + name);
        }
        Serializable body = task != null ? task : this;
        byte[] message = body instanceof BinaryTask binary
                ? BootstrapProtocol.binaryMessage(binary, name, daemon, identity, CurrentProcess.pid())
                : TaskSerialization.serialize(name, body, new BootstrapProtocol.Message(body, name, daemon, identity, CurrentProcess.pid()));
        List<String> command = ChildCommand.build(jvmOptions, ChildLaunch.of(classPath, body.getClass()));
        RunningChild child;
        try {
            child = inheritedChannel == null ? SpareJvm.take(command)
                    : RunningChild.spawn(command, SocketDescriptors.of(inheritedChannel));
        } catch (NativeCallException e) {
            throw ChildStart.spawnFailed(name, command, e);
        }
        running = child;
        Children.started(this);
        child.assign(message, () -> Children.ended(this));
        ChildStart.awaitTaskStarted(name, child, command);
        return this;
    }

    /**
     * Boots spare child JVMs now — at least one, as many as recent bursts of starts ask for —
     * and waits at most {@code timeout} until they are ready, so that the next
     * {@link #start()} calls (with default JVM options) only have to send their tasks. Useful at
     * the start of a program that will soon start children. Spares are explained in the package
     * documentation; with spares disabled this does nothing.
     *
     * @param timeout how long to wait for the spares to be ready
     * @return true if the spare JVMs are ready
     * @throws InterruptedException if interrupted while waiting
     */
    public static boolean warmUp(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout " + timeout + " is negative: give zero or more");
        }
        if (!SpareJvm.enabled()) {
            return false;
        }
        return SpareJvm.warmUp(ChildCommand.build(List.of(), ChildLaunch.of(null, null)), timeout);
    }

    /**
     * Waits for the child to end.
     *
     * @throws InterruptedException if interrupted while waiting
     * @throws IllegalStateException if not started, or closed
     */
    public void join() throws InterruptedException {
        RunningChild child = requireStarted("join()");
        try {
            child.exit().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not collect the exit of " + name, e.getCause());
        }
    }

    /**
     * A future that completes with this child once it has ended and been reaped, as
     * {@link Process#onExit()} does for a process: its {@link #exitCode()} is known by then.
     * Actions chained to it run on the thread that collects the child's exit (keep them short),
     * or on the calling thread if the child has ended already.
     *
     * @return a new future each call; completing or cancelling it does not affect the child
     * @throws IllegalStateException if not started, or closed
     */
    public CompletableFuture<ChildProcess> onExit() {
        RunningChild child = requireStarted("onExit()");
        return child.exit().thenApply(code -> this);
    }

    /**
     * Waits at most {@code timeout} for the child to end.
     *
     * @param timeout how long to wait at most
     * @return true if it ended, false if the time ran out first
     * @throws InterruptedException if interrupted while waiting
     * @throws IllegalStateException if not started, or closed
     */
    public boolean join(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout " + timeout + " is negative: give zero or more");
        }
        RunningChild child = requireStarted("join(timeout)");
        try {
            child.exit().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not collect the exit of " + name, e.getCause());
        }
    }

    /**
     * Whether the child runs.
     *
     * @return true from {@link #start()} until the child has ended
     */
    public boolean isAlive() {
        requireOpen("isAlive()");
        RunningChild child = running;
        return child != null && !child.exit().isDone();
    }

    /** Sends SIGTERM: the child runs its shutdown hooks and ends with exit code −15. */
    public void terminate() {
        signal(Signal.SIGTERM);
    }

    /** Sends SIGKILL: the child ends at once with exit code −9. */
    public void kill() {
        signal(Signal.SIGKILL);
    }

    /**
     * Sends {@code signal} to the child; does nothing if it has already ended.
     *
     * @param signal the signal to send
     * @throws IllegalStateException if not started, or closed
     */
    public void signal(Signal signal) {
        Objects.requireNonNull(signal, "signal");
        requireStarted("signal(" + signal + ")").signal(signal);
    }

    /**
     * The exit code (see the class documentation).
     *
     * @return the exit code; empty before start and while running
     */
    public OptionalInt exitCode() {
        requireOpen("exitCode()");
        RunningChild child = running;
        if (child == null || !child.exit().isDone() || child.exit().isCompletedExceptionally()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(child.exit().join());
    }

    /**
     * The child's process id.
     *
     * @return the pid
     * @throws IllegalStateException if not started, or closed
     */
    public long pid() {
        return requireStarted("pid()").pid();
    }

    /**
     * The child's name (see {@link #name(String)}).
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Whether this is a daemon child (see {@link #daemon(boolean)}).
     *
     * @return true for a daemon child
     */
    public boolean isDaemon() {
        return daemon;
    }

    /**
     * Releases what this object holds. Refused while the child runs; harmless twice.
     *
     * @throws IllegalStateException if the child is still running
     */
    @Override
    public synchronized void close() {
        RunningChild child = running;
        if (child != null && !child.exit().isDone()) {
            throw new IllegalStateException("cannot close " + name + " (pid " + child.pid()
                    + ") while it is running: join() or terminate() it first");
        }
        closed = true;
    }

    // ---- helpers --------------------------------------------------------------------------------

    private void requireNotStarted(String what) {
        requireOpen(what);
        if (running != null) {
            throw new IllegalStateException(what + " on " + name + ", which was already started: a ChildProcess"
                    + " starts once; create a new one to run again");
        }
    }

    private RunningChild requireStarted(String what) {
        requireOpen(what);
        RunningChild child = running;
        if (child == null) {
            throw new IllegalStateException(what + " on " + name + ", which was not started: call start() first");
        }
        return child;
    }

    private void requireOpen(String what) {
        if (closed) {
            throw new IllegalStateException(what + " on " + name + ", which is closed");
        }
    }

    /** Live state for debugging, in the spirit of Python's repr. */
    @Override
    public String toString() {
        RunningChild child = running;
        StringBuilder s = new StringBuilder("<ChildProcess name='").append(name).append('\'');
        if (child == null) {
            s.append(closed ? " closed" : " initial");
        } else if (!child.exit().isDone()) {
            s.append(" pid=").append(child.pid()).append(" parent=").append(CurrentProcess.pid()).append(" started");
        } else {
            s.append(" pid=").append(child.pid()).append(" parent=").append(CurrentProcess.pid())
                    .append(" stopped exitcode=").append(exitCode().isPresent() ? exitCode().getAsInt() : "?");
        }
        if (daemon) {
            s.append(" daemon");
        }
        return s.append('>').toString();
    }
}
