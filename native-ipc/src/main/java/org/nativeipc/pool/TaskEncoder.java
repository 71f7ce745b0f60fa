package org.nativeipc.pool;

import java.io.Serializable;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.nativeipc.codec.SerializationAllowList;

/**
 * Turns a task or map function into the bytes of a {@code task} (see {@link PoolProtocol}),
 * once, in the submitting thread: a task that cannot travel is refused there, with a message
 * that names what it captured. Serializable lambdas take the {@link LambdaShapes} path (shape
 * number and captured values); anything else Serializable, plain Java serialization.
 *
 * <p>It also keeps the allow-list that results are read through: the pool's own, plus the
 * package of every task's code — a task's results and exceptions are mostly its own types.
 */
final class TaskEncoder {
    /** A task's bytes, the lambda shape it needs defined in the worker (or null), and its code's package. */
    record Encoded(byte[] payload, LambdaShapes.Shape shape, String packageName) {
    }

    private static final ThreadLocal<FrameBuffer> BUFFERS = ThreadLocal.withInitial(FrameBuffer::new);
    private final LambdaShapes shapes = new LambdaShapes();
    private final Set<String> allowedPackages = ConcurrentHashMap.newKeySet();
    private SerializationAllowList allowList;
    private volatile PoolValues.Decoder resultDecoder;

    TaskEncoder(SerializationAllowList allowList) {
        this.allowList = allowList;
        this.resultDecoder = PoolValues.Decoder.filtered(allowList);
    }

    /** How results from workers are read now. */
    PoolValues.Decoder resultDecoder() {
        return resultDecoder;
    }

    /**
     * {@link #encode(Object, String)}, checked against {@code limitBytes}; allows the task's
     * package in results.
     *
     * @throws IllegalArgumentException if it cannot be serialized or is too large
     */
    Encoded encode(Object task, String what, int limitBytes) {
        Encoded encoded = encode(task, what);
        if (encoded.payload().length > limitBytes) {
            throw new IllegalArgumentException("cannot send " + what + " to a worker: it takes " + encoded.payload().length
                    + " bytes encoded, more than a pool message carries (" + limitBytes + "): capture less, or build the pool"
                    + " with maxMessageBytes(...) larger");
        }
        if (!encoded.packageName().isEmpty()) {
            allowResultsFrom(encoded.packageName());
        }
        return encoded;
    }

    private void allowResultsFrom(String packageName) {
        if (allowedPackages.contains(packageName)) {
            return;
        }
        synchronized (this) {
            allowedPackages.add(packageName);
            allowList = allowList.allowPackage(packageName);
            resultDecoder = PoolValues.Decoder.filtered(allowList);
        }
    }

    /**
     * Encodes {@code task}; {@code what} names it in messages ("the task", "the map function").
     *
     * @throws IllegalArgumentException if it, or anything it captures, cannot be serialized
     */
    private Encoded encode(Object task, String what) {
        FrameBuffer out = BUFFERS.get();
        out.clear();
        LambdaShapes.Shape shape = shapes.shapeOf(task);
        if (shape != null) {
            Object[] captured = LambdaShapes.capturedValues(shape, task);
            out.writeByte(PoolProtocol.TASK_LAMBDA);
            out.writeInt(shape.id());
            out.writeByte(captured.length);
            for (int i = 0; i < captured.length; i++) {
                try {
                    PoolValues.write(captured[i], out);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(Culprits.capturedValue(task, LambdaShapes.serializedForm(task), i, what,
                            causeMessage(e)), e.getCause());
                }
            }
            return new Encoded(out.toByteArray(), shape, shape.packageName());
        }
        if (!(task instanceof Serializable)) {
            throw new IllegalArgumentException(Culprits.notSerializable(task, what));
        }
        out.writeByte(PoolProtocol.TASK_OBJECT);
        try {
            PoolValues.write(task, out);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Culprits.heldValue(task, what, causeMessage(e)), e.getCause());
        }
        return new Encoded(out.toByteArray(), null, task.getClass().getPackageName());
    }

    private static String causeMessage(IllegalArgumentException e) {
        return e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
    }

}
