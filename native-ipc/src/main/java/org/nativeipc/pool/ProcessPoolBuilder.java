package org.nativeipc.pool;

import java.lang.invoke.SerializedLambda;
import java.nio.channels.Channel;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import org.nativeipc.codec.SerializationAllowList;
import org.nativeipc.internal.posix.SocketDescriptors;
import org.nativeipc.process.CurrentProcess;
import org.nativeipc.process.ProcessTask;
import org.nativeipc.queue.SpscRing;

/**
 * Builds a {@link ProcessPool}: {@code ProcessPool.builder().processes(4).initializer(...).build()}.
 * Every setting has a default; {@link #build()} starts the workers.
 */
public final class ProcessPoolBuilder {
    /** Bytes of each ring between the parent and a worker by default: tasks and items up to 64 KiB (a quarter). */
    static final int DEFAULT_RING_BYTES = 256 * 1024;
    private static final AtomicInteger POOL_NUMBERS = new AtomicInteger();

    private int processes = Runtime.getRuntime().availableProcessors();
    private ProcessTask initializer;
    private int maxTasksPerChild;
    private List<String> jvmOptions = List.of();
    private String name;
    private int ringBytes = DEFAULT_RING_BYTES;
    private SerializationAllowList allowList;
    private Channel inheritedChannel;

    ProcessPoolBuilder() {
    }

    /**
     * How many worker processes the pool keeps (Python's {@code processes}); default: the number
     * of processors.
     *
     * @param count at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code count} is less than 1
     */
    public ProcessPoolBuilder processes(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("processes " + count + " must be at least 1");
        }
        this.processes = count;
        return this;
    }

    /**
     * Code each worker runs once, before its first task (Python's {@code initializer}), to set up
     * what its tasks share: a connection, a cache. If it throws, the pool is broken: waiting tasks
     * fail and new ones are refused with a {@link BrokenPoolException} whose cause is that
     * exception (Python would start workers forever).
     *
     * @param initializer the code (captured values travel with it); null for none
     * @return this builder
     */
    public ProcessPoolBuilder initializer(ProcessTask initializer) {
        this.initializer = initializer;
        return this;
    }

    /**
     * Replaces a worker after it has run {@code tasks} tasks (Python's {@code maxtasksperchild}):
     * a fresh process then takes its place, which bounds what a leaky task can accumulate. A map
     * chunk counts as one task, as in Python. Default 0: workers live as long as the pool.
     *
     * @param tasks at least 1, or 0 for no limit
     * @return this builder
     * @throws IllegalArgumentException if {@code tasks} is negative
     */
    public ProcessPoolBuilder maxTasksPerChild(int tasks) {
        if (tasks < 0) {
            throw new IllegalArgumentException("maxTasksPerChild " + tasks + " must be 0 (no limit) or more");
        }
        this.maxTasksPerChild = tasks;
        return this;
    }

    /**
     * JVM options for the workers, such as {@code "-Xmx256m"}; see
     * {@link org.nativeipc.process.ChildProcess#jvmOptions}.
     *
     * @param options the options; none by default
     * @return this builder
     * @throws IllegalArgumentException if an option is null or blank
     */
    public ProcessPoolBuilder jvmOptions(String... options) {
        Objects.requireNonNull(options, "options");
        for (int i = 0; i < options.length; i++) {
            if (options[i] == null || options[i].isBlank()) {
                throw new IllegalArgumentException("JVM option #" + i + " is " + (options[i] == null ? "null" : "blank")
                        + ": give options such as \"-Xmx256m\"");
            }
        }
        this.jvmOptions = List.of(options);
        return this;
    }

    /**
     * Gives every worker a socket of this JVM as its {@link System#inheritedChannel()} (see
     * {@link org.nativeipc.process.ChildProcess#inheritChannel}): typically a listening
     * {@link java.nio.channels.ServerSocketChannel}, so that tasks accept connections in the
     * workers and serve them there, as a pre-forked server does; the kernel hands each
     * connection to one of the workers waiting in {@code accept}. Workers that replace others
     * get it too, so it must stay open while the pool runs. Such workers start JVMs of their own,
     * not spares.
     *
     * @param channel an open, bound {@link java.nio.channels.ServerSocketChannel} or a connected
     *     {@link java.nio.channels.SocketChannel} over TCP; null for none (the default)
     * @return this builder
     * @throws IllegalArgumentException if {@code channel} cannot be passed on: another kind of
     *     channel, not TCP, closed, unbound or unconnected
     */
    public ProcessPoolBuilder inheritChannel(Channel channel) {
        if (channel != null) {
            SocketDescriptors.of(channel); // fails now rather than in build() if it cannot be passed on
        }
        this.inheritedChannel = channel;
        return this;
    }

    /**
     * The pool's name, shown in its threads, its workers' names ({@code <name>-worker-<n>}) and
     * messages; default {@code ProcessPool-<n>}.
     *
     * @param name a name you will recognize in logs
     * @return this builder
     * @throws IllegalArgumentException if it is blank
     */
    public ProcessPoolBuilder name(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name is blank: give the pool a name you will recognize in logs");
        }
        this.name = name;
        return this;
    }

    /**
     * The largest single value that travels between the pool and a worker: a task with its
     * captured values, one map item, one result. Default 64 KiB; map chunks and batches of results
     * are split to fit. Each worker gets two rings of about four times this size in shared memory.
     *
     * @param bytes at least 1 KiB, at most 256 MiB
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public ProcessPoolBuilder maxMessageBytes(int bytes) {
        if (bytes < 1024 || bytes > (256 << 20)) {
            throw new IllegalArgumentException("maxMessageBytes " + bytes + " must be between 1 KiB and 256 MiB");
        }
        int ring = 2 * 1024;
        while (SpscRing.maxMessageBytesFor(ring) < 2 * bytes) {
            ring <<= 1;
        }
        this.ringBytes = ring;
        return this;
    }

    /**
     * Also lets results and exceptions of classes in {@code packageName} (and its sub-packages)
     * come back from workers. Allowed anyway: the JDK's types, this library's, the package of
     * the code that builds the pool, and the package of every task and map function submitted
     * (see {@link SerializationAllowList}).
     *
     * @param packageName a package such as {@code "com.acme.model"}
     * @return this builder
     * @throws IllegalArgumentException if it is not a package name
     */
    public ProcessPoolBuilder allowPackage(String packageName) {
        this.allowList = baseAllowList().allowPackage(packageName);
        return this;
    }

    /**
     * The list this builder starts from: the defaults, and {@code SerializedLambda}, the form in
     * which a lambda travels when its class does not let this library read its fields (a named
     * module that does not open its package): the worker then rebuilds it through Java
     * deserialization, which calls the capturing class's own {@code $deserializeLambda$}.
     */
    private SerializationAllowList baseAllowList() {
        return allowList != null ? allowList : SerializationAllowList.defaults().allowClass(SerializedLambda.class);
    }

    /**
     * Starts the workers and returns the pool. Workers boot in the background: tasks submitted
     * at once wait in the pool until the first worker is ready.
     *
     * @return the running pool
     * @throws IllegalStateException if called in a daemon child process (pool workers are daemons,
     *     which daemons may not start — as in Python)
     */
    public ProcessPool build() {
        if (CurrentProcess.isDaemon()) {
            throw new IllegalStateException("daemonic processes are not allowed to have children: " + CurrentProcess.name()
                    + " is a daemon (a pool worker, say), so it cannot start a pool's workers; create the pool in the parent");
        }
        String callerPackage = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                .map(StackWalker.StackFrame::getDeclaringClass)
                .filter(c -> !c.getPackageName().equals(ProcessPool.class.getPackageName()))
                .findFirst().map(Class::getPackageName).orElse(""));
        SerializationAllowList list = baseAllowList();
        if (!callerPackage.isEmpty()) {
            list = list.allowPackage(callerPackage);
        }
        String poolName = name != null ? name : "ProcessPool-" + POOL_NUMBERS.incrementAndGet();
        return new ProcessPool(new PoolConfig(poolName, processes, initializer, maxTasksPerChild, jvmOptions, ringBytes, list,
                inheritedChannel));
    }
}
