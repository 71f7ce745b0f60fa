package org.nativeipc.pool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;

import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.internal.posix.LockableFile;
import org.nativeipc.internal.posix.Posix;

/**
 * Prepares a spare JVM, while it waits for its task, for becoming a pool worker: it loads, links
 * and initializes the classes a worker runs between receiving its task and reporting READY, and
 * links the shared-memory accessors' method handles. Pools start their workers on spare JVMs;
 * without this, each worker of a new pool loaded and verified some 85 classes of native-ipc and
 * spun about 90 method-handle classes, interpreted, while the pool waited for it (on two cores,
 * four such workers took over a second to be ready after their spares had booted). Then it
 * rehearses a worker's start and first tasks on regions of its own ({@link WorkerRehearsal}), so
 * that the path is resolved and linked, not only loaded.
 *
 * <p>The spare's bootstrap initializes this class by name ({@code ChildBootstrap}); the work is
 * in its static initializer, so nothing else runs it. Only an optimization: a class that fails
 * here is loaded again, and fails properly, when the worker needs it. The names are those a
 * worker loaded, in that order ({@code -Xlog:class+load}); {@code WorkerPreloadTest} checks that
 * each still exists.
 */
final class WorkerPreload {
    private static final String POOL = "org.nativeipc.pool.";
    private static final String QUEUE = "org.nativeipc.queue.";
    private static final String MEMORY = "org.nativeipc.internal.memory.";
    private static final String OBJECT = "org.nativeipc.internal.object.";
    private static final String POSIX = "org.nativeipc.internal.posix.";
    private static final String LIVENESS = "org.nativeipc.internal.liveness.";
    private static final String CODEC = "org.nativeipc.codec.";
    /** A small file every JDK has, to open and map in {@link #bindFileAccess}. */
    private static final String JDK_RELEASE_FILE = "release";

    /** What a worker loads from its task's arrival to READY. */
    static final List<String> CLASSES = List.of(
            "org.nativeipc.internal.launch.BinaryTask", POOL + "PoolWorker", POOL + "PoolWorker$Start",
            POOL + "PoolProtocol", MEMORY + "RegionHandle", QUEUE + "SpscRing", CODEC + "SerializationAllowList",
            MEMORY + "RegionKind", MEMORY + "SharedRegion", POSIX + "SharedFolder", OBJECT + "ObjectHandle",
            OBJECT + "ObjectType", QUEUE + "QueueTypes", OBJECT + "SharedObjects", MEMORY + "RegionFolder",
            OBJECT + "AttachedObjects", MEMORY + "RegionExpectation", MEMORY + "RegionHeader", LIVENESS + "Liveness",
            MEMORY + "RegionFile", POSIX + "LockableFile", MEMORY + "RegionMaker", MEMORY + "RegionValidation",
            "org.nativeipc.internal.lifecycle.ExitSequence", QUEUE + "RingWaiter", QUEUE + "RingGeometry",
            QUEUE + "RingControlLayout", QUEUE + "Participants", QUEUE + "RingMemo", LIVENESS + "OwnRecord",
            LIVENESS + "ProcessRecord", "org.nativeipc.internal.wait.EventCount", QUEUE + "SpscRingLayout",
            QUEUE + "SpscProducer", "org.nativeipc.process.CurrentProcess", "org.nativeipc.process.ChildProcess",
            POOL + "WorkerLoop", POOL + "FrameReader", POOL + "FrameBuffer", POOL + "LambdaRebuilder", POOL + "PoolLayout",
            POOL + "PoolValues", CODEC + "Codecs", CODEC + "DefaultCodec", CODEC + "KnownTypes", CODEC + "FingerprintTable",
            CODEC + "JavaSerializationCodec", CODEC + "CodecOutput", POOL + "RemoteTaskException", QUEUE + "RingChecks",
            POSIX + "FutexHolder", POSIX + "LinuxFutex", "org.nativeipc.internal.object.Timeouts",
            QUEUE + "ControlledMessageHandler");

    static {
        ClassLoader loader = WorkerPreload.class.getClassLoader();
        for (String name : CLASSES) {
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // only an optimization (see the class comment)
            }
        }
        SharedRegion.linkAccessors();
        linkRecordMethods();
        bindNativeArguments();
        bindFileAccess();
        rehearse();
    }

    /** Runs a pool worker's start and first tasks once, in this JVM ({@link WorkerRehearsal}). */
    private static void rehearse() {
        try {
            WorkerRehearsal.run();
        } catch (Exception | LinkageError e) {
            // only an optimization (see the class comment)
        }
    }

    /** A record of the shape a worker's ring memo keys by (a file and an offset). */
    private record Sample(Object file, int base) {
    }

    /**
     * Runs a record's generated {@code equals} and {@code hashCode} once: their first use in a JVM
     * bootstraps tens of method-handle classes, which later records of the same shape share.
     */
    private static void linkRecordMethods() {
        Sample sample = new Sample("", 0);
        if (sample.equals(new Sample("", sample.hashCode()))) {
            sample.hashCode();
        }
    }

    /** Passes arrays to native code and back once (a pipe's round trip): jnr-ffi loads their marshalling on first use. */
    private static void bindNativeArguments() {
        try {
            int[] pipe = Posix.pipe();
            try {
                Posix.writeFully(pipe[1], new byte[1]);
                Posix.read(pipe[0], new byte[1]);
            } finally {
                Posix.close(pipe[0]);
                Posix.close(pipe[1]);
            }
        } catch (RuntimeException e) {
            // only an optimization (see the class comment)
        }
    }

    /**
     * Opens a file by name through jnr-ffi (String marshalling), reads its attributes, and maps a
     * page of it through {@code /dev/fd}, as a worker's attach does with a region file: here on a
     * read-only file of the JDK ({@code release}), to load the classes of that path.
     */
    private static void bindFileAccess() {
        Path file = Path.of(System.getProperty("java.home"), JDK_RELEASE_FILE);
        try (LockableFile opened = LockableFile.open(file, false); FileChannel channel = opened.channel(false)) {
            opened.attributes();
            if (channel.size() > 0) {
                channel.map(FileChannel.MapMode.READ_ONLY, 0, 1).get(0);
            }
        } catch (IOException | RuntimeException e) {
            // only an optimization (see the class comment)
        }
    }

    private WorkerPreload() {
    }
}
