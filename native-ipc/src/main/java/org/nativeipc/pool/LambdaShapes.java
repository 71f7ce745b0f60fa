package org.nativeipc.pool;

import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The parent's side of sending serializable lambdas cheaply. Java serialization of a lambda
 * writes its {@link SerializedLambda}: nine strings that are the same for every lambda made at
 * one place in the code (its <em>shape</em>) and the values it captured. Building a fresh object
 * stream for that costs tens of microseconds per task; instead, the pool numbers each shape,
 * sends a worker its nine strings once ({@code DEFINE_LAMBDA}), and then only the shape number
 * and the captured values ({@link LambdaRebuilder} rebuilds the lambda on the other side) — a
 * few hundred nanoseconds. Lambdas whose {@code writeReplace} this library may not call (a
 * named module that does not open its package) take the plain serialization path.
 */
final class LambdaShapes {
    /** A numbered shape and the {@code DEFINE_LAMBDA} frame that defines it in a worker. */
    record Shape(int id, byte[] definitionFrame) {
    }

    private static final ClassValue<Method> WRITE_REPLACE = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            if (!type.isHidden() || !Serializable.class.isAssignableFrom(type)) {
                return null;
            }
            try {
                Method m = type.getDeclaredMethod("writeReplace");
                return m.trySetAccessible() ? m : null;
            } catch (NoSuchMethodException e) {
                return null;
            }
        }
    };

    private final Map<Class<?>, Shape> shapes = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger();

    /** The serialized form of {@code task} if it is a serializable lambda this library may take apart, else null. */
    static SerializedLambda serializedForm(Object task) {
        Method writeReplace = WRITE_REPLACE.get(task.getClass());
        if (writeReplace == null) {
            return null;
        }
        try {
            Object form = writeReplace.invoke(task);
            return form instanceof SerializedLambda lambda ? lambda : null;
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null;
        }
    }

    /** The shape of lambdas of {@code type} (numbered on first use). */
    Shape shapeOf(Class<?> type, SerializedLambda form) {
        Shape shape = shapes.get(type);
        if (shape == null) {
            shape = shapes.computeIfAbsent(type, t -> define(nextId.incrementAndGet(), form));
        }
        return shape;
    }

    private static Shape define(int id, SerializedLambda form) {
        FrameBuffer out = new FrameBuffer();
        int frame = out.beginFrame(PoolProtocol.DEFINE_LAMBDA);
        out.writeInt(id);
        out.writeString(form.getCapturingClass().replace('/', '.'));
        out.writeString(form.getFunctionalInterfaceClass());
        out.writeString(form.getFunctionalInterfaceMethodName());
        out.writeString(form.getFunctionalInterfaceMethodSignature());
        out.writeInt(form.getImplMethodKind());
        out.writeString(form.getImplClass());
        out.writeString(form.getImplMethodName());
        out.writeString(form.getImplMethodSignature());
        out.writeString(form.getInstantiatedMethodType());
        out.endFrame(frame);
        return new Shape(id, out.toByteArray());
    }
}
