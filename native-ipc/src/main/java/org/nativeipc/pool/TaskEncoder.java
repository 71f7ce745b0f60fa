package org.nativeipc.pool;

import java.io.Serializable;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.nativeipc.codec.SerializationAllowList;

/**
 * Turns a task or map function into the bytes of a {@code task} (see {@link PoolProtocol}),
 * once, in the submitting thread: a task that cannot travel is refused there, with a message
 * that names what it captured. Serializable lambdas take the {@link LambdaShapes} path (shape
 * number and captured values); anything else, the default codec.
 *
 * <p>It also keeps the pool's {@link SerializationAllowList}, which every value crossing the
 * pool obeys, both ways: the pool's own, plus the package of every task's code — a task's
 * arguments, results and exceptions are mostly its own types. The list only grows; each
 * growth has a new version, which workers are sent ({@code ALLOW}) before the first unit that
 * may need it.
 */
final class TaskEncoder {
    /** A task's bytes, the lambda shape it needs defined in the worker (or null), and its code's package. */
    record Encoded(byte[] payload, LambdaShapes.Shape shape, String packageName) {
    }

    /** One version of the allow-list, with what reads and announces it. */
    record Allowed(int version, SerializationAllowList list, PoolValues.Decoder decoder, byte[] frame) {
    }

    private static final ThreadLocal<FrameBuffer> BUFFERS = ThreadLocal.withInitial(FrameBuffer::new);
    private final ThreadLocal<PoolValues.Encoder> encoders = new ThreadLocal<>();
    private final LambdaShapes shapes = new LambdaShapes();
    private final Set<String> allowedPackages = ConcurrentHashMap.newKeySet();
    private final int limitBytes;
    private volatile Allowed allowed;

    TaskEncoder(SerializationAllowList allowList, int limitBytes) {
        this.limitBytes = limitBytes;
        this.allowed = allowedVersion(1, allowList);
    }

    /** The allow-list now. */
    Allowed allowed() {
        return allowed;
    }

    /** This thread's encoder for the allow-list now. */
    PoolValues.Encoder encoder() {
        Allowed now = allowed;
        PoolValues.Encoder e = encoders.get();
        if (e == null || e.version() != now.version()) {
            e = new PoolValues.Encoder(now.list(), now.version(), limitBytes);
            encoders.set(e);
        }
        return e;
    }

    /**
     * Encodes {@code task}; {@code what} names it in messages ("the task", "the map function").
     *
     * @throws IllegalArgumentException if it, or anything it captures, cannot travel, or it is too large
     */
    Encoded encode(Object task, String what) {
        FrameBuffer out = BUFFERS.get();
        out.clear();
        LambdaShapes.Shape shape = shapes.shapeOf(task);
        Encoded encoded;
        if (shape != null) {
            allow(shape.packageName());
            Object[] captured = LambdaShapes.capturedValues(shape, task);
            out.writeByte(PoolProtocol.TASK_LAMBDA);
            out.writeInt(shape.id());
            out.writeByte(captured.length);
            PoolValues.Encoder values = encoder();
            for (int i = 0; i < captured.length; i++) {
                try {
                    values.write(captured[i], out);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(Culprits.capturedValue(LambdaShapes.serializedForm(task), i, what, e), e);
                }
            }
            encoded = new Encoded(out.toByteArray(), shape, shape.packageName());
        } else {
            if (!(task instanceof Serializable)) {
                throw new IllegalArgumentException(Culprits.notSerializable(task, what));
            }
            allow(task.getClass().getPackageName());
            out.writeByte(PoolProtocol.TASK_OBJECT);
            try {
                encoder().write(task, out);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(Culprits.heldValue(task, what, e), e);
            }
            encoded = new Encoded(out.toByteArray(), null, task.getClass().getPackageName());
        }
        if (encoded.payload().length > limitBytes) {
            throw new IllegalArgumentException("cannot send " + what + " to a worker: it takes " + encoded.payload().length
                    + " bytes encoded, more than a pool message carries (" + limitBytes + "): capture less, or build the pool"
                    + " with maxMessageBytes(...) larger");
        }
        return encoded;
    }

    /** Adds {@code packageName} (and its sub-packages) to the allow-list, as a new version, if it is not there. */
    private void allow(String packageName) {
        if (packageName.isEmpty() || allowedPackages.contains(packageName)) {
            return;
        }
        synchronized (this) {
            if (allowedPackages.add(packageName)) {
                SerializationAllowList wider = allowed.list().allowPackage(packageName);
                if (!wider.equals(allowed.list())) {
                    allowed = allowedVersion(allowed.version() + 1, wider);
                }
            }
        }
    }

    private static Allowed allowedVersion(int version, SerializationAllowList list) {
        FrameBuffer out = new FrameBuffer();
        int frame = out.beginFrame(PoolProtocol.ALLOW);
        out.writeInt(version);
        PoolProtocol.writeAllowList(list, out);
        out.endFrame(frame);
        return new Allowed(version, list, new PoolValues.Decoder(list), out.toByteArray());
    }
}
