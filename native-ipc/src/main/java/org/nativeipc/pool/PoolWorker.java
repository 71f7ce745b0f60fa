package org.nativeipc.pool;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.nativeipc.codec.SerializationAllowList;
import org.nativeipc.internal.launch.BinaryTask;
import org.nativeipc.internal.memory.RegionClosedException;
import org.nativeipc.internal.memory.RegionHandle;
import org.nativeipc.internal.memory.RegionKind;
import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.internal.object.ObjectHandle;
import org.nativeipc.internal.object.SharedObjects;
import org.nativeipc.process.ProcessTask;
import org.nativeipc.queue.SpscRing;

/**
 * What a pool worker process runs: attaches to the pool's control region and its two rings,
 * runs the initializer, then serves tasks until told to stop (see {@link WorkerLoop}). Sent to
 * the worker as its {@code ChildProcess} task, in binary form ({@link BinaryTask}): the regions'
 * file names, the slot, the task limit, the allow-list's patterns and, only if there is one, the
 * Java-serialized initializer. A new worker thus reads its task without Java serialization.
 *
 * <pre>
 *  payload := control:handle slot:int tasks:handle results:handle maxTasks:int
 *             allowVersion:int allowList initializerLength:int initializer:byte*
 *  handle  := name:string kindCode:int layoutVersion:int
 * </pre>
 */
final class PoolWorker implements BinaryTask {
    private static final long serialVersionUID = 2L;
    private static final System.Logger LOG = System.getLogger(PoolWorker.class.getPackageName());
    /** The type name its rings attach as (a shared object type's name is its class's simple name). */
    private static final String RING_TYPE = SpscRing.class.getSimpleName();

    private final byte[] payload;

    PoolWorker(RegionHandle control, int slot, SpscRing tasks, SpscRing results, ProcessTask initializer, int maxTasks,
               TaskEncoder.Allowed allowed) {
        FrameBuffer out = new FrameBuffer();
        writeHandle(control, out);
        out.writeInt(slot);
        writeHandle(SharedObjects.handleOf(tasks), out);
        writeHandle(SharedObjects.handleOf(results), out);
        out.writeInt(maxTasks);
        out.writeInt(allowed.version());
        PoolProtocol.writeAllowList(allowed.list(), out);
        byte[] init = initializer == null ? new byte[0] : serialized(initializer);
        out.writeInt(init.length);
        out.writeBytes(init, 0, init.length);
        this.payload = out.toByteArray();
    }

    @Override
    public Class<? extends Runner> runner() {
        return Start.class;
    }

    @Override
    public byte[] payload() {
        return payload;
    }

    private static byte[] serialized(ProcessTask initializer) {
        try {
            return PoolValues.javaSerialized(initializer);
        } catch (IOException e) {
            throw new IllegalArgumentException(Culprits.heldValue(initializer, "the initializer",
                    new IllegalArgumentException(e.getMessage() + " is not Serializable")), e);
        }
    }

    private static void writeHandle(RegionHandle handle, FrameBuffer out) {
        out.writeString(handle.name());
        out.writeInt(handle.kind().code());
        out.writeInt(handle.layoutVersion());
    }

    private static RegionHandle readHandle(FrameReader in) {
        String name = in.readString();
        int kind = in.readInt();
        return RegionHandle.of(name, RegionKind.fromCode(kind), in.readInt());
    }

    /** The worker's side: decodes the payload, attaches, and serves. */
    static final class Start implements Runner {
        @Override
        public void run(byte[] payload, Runnable startedUp) throws Exception {
            FrameReader in = new FrameReader().reset(ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder()), 0, payload.length);
            RegionHandle control = readHandle(in);
            int slot = in.readInt();
            RegionHandle tasks = readHandle(in);
            RegionHandle results = readHandle(in);
            int maxTasks = in.readInt();
            int allowVersion = in.readInt();
            SerializationAllowList allowList = PoolProtocol.readAllowList(in);
            ProcessTask initializer = readInitializer(in.readBytes(in.readInt()));
            if (control.kind() != RegionKind.POOL || control.layoutVersion() != PoolLayout.VERSION) {
                throw new IllegalStateException("a pool worker was given " + control + ", not a pool control region of layout version "
                        + PoolLayout.VERSION + ": the parent and this worker run different versions of native-ipc");
            }
            SharedRegion region;
            try {
                region = control.attach();
            } catch (RegionClosedException poolGone) {
                endQuietly(slot);
                return;
            }
            try {
                SpscRing taskRing = (SpscRing) ObjectHandle.attach(RING_TYPE, tasks);
                SpscRing resultRing = (SpscRing) ObjectHandle.attach(RING_TYPE, results);
                new WorkerLoop(region, slot, taskRing, resultRing, maxTasks, allowList, allowVersion).run(initializer, startedUp);
            } catch (RegionClosedException poolGone) {
                endQuietly(slot);
            } finally {
                region.close();
            }
        }

        /**
         * The pool was closed (its program may have exited) while this worker's JVM booted: nobody
         * waits for this worker, so it ends quietly instead of printing a failure.
         */
        private static void endQuietly(int slot) {
            LOG.log(System.Logger.Level.DEBUG, "pool worker " + slot + ": its pool closed before it started");
        }

        /** The initializer, null if none; one that fails with why if it cannot be read (the pool reports it). */
        private static ProcessTask readInitializer(byte[] bytes) {
            if (bytes.length == 0) {
                return null;
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
                return (ProcessTask) in.readObject();
            } catch (IOException | ClassNotFoundException | RuntimeException e) {
                return new Unreadable(e);
            }
        }
    }

    /** An initializer that could not be read in the worker: running it reports why. */
    private static final class Unreadable implements ProcessTask {
        private static final long serialVersionUID = 1L;
        private final Exception cause;

        Unreadable(Exception cause) {
            this.cause = cause;
        }

        @Override
        public void run() {
            throw new IllegalStateException("the pool's initializer could not be read in the worker (" + cause
                    + "): is its class on the workers' class path, and the same version as the parent's?", cause);
        }
    }
}
