package org.nativeipc.pool;

import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The parent's side of sending serializable lambdas cheaply. Java serialization of a lambda
 * writes its {@link SerializedLambda}: nine strings that are the same for every lambda made at
 * one place in the code (its <em>shape</em>) and the values it captured. Building a fresh object
 * stream for that costs tens of microseconds per task; instead, the pool numbers each shape,
 * sends a worker its nine strings once ({@code DEFINE_LAMBDA}), and then only the shape number
 * and the captured values ({@link LambdaRebuilder} rebuilds the lambda on the other side).
 *
 * <p>The captured values are read from the lambda object's fields, which the JDK's lambda
 * factory fills in capture order — checked against {@code writeReplace} on the first lambda of
 * each class; where that check fails or the fields cannot be read, every task of the class goes
 * through {@code writeReplace}. Lambdas whose {@code writeReplace} this library may not call (a
 * named module that does not open its package) take the plain serialization path.
 */
final class LambdaShapes {
    /**
     * A numbered shape: the {@code DEFINE_LAMBDA} frame that defines it in a worker, the package
     * of the code that made it, and the lambda class's fields in capture order (null: use
     * {@code writeReplace} for every task).
     */
    record Shape(int id, byte[] definitionFrame, String packageName, Field[] captured) {
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

    /** The shape of {@code task} if it is a serializable lambda this library may take apart, else null. */
    Shape shapeOf(Object task) {
        Class<?> type = task.getClass();
        Shape shape = shapes.get(type);
        if (shape == null) {
            SerializedLambda form = serializedForm(task);
            if (form == null) {
                return null;
            }
            shape = shapes.computeIfAbsent(type, t -> define(nextId.incrementAndGet(), form, capturedFields(t, task, form)));
        }
        return shape;
    }

    /** The serialized form of a serializable lambda, or null if it is none or its {@code writeReplace} may not be called. */
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

    /** The values {@code task} captured, in order: from its fields, or through {@code writeReplace}. */
    static Object[] capturedValues(Shape shape, Object task) {
        Field[] fields = shape.captured();
        if (fields != null) {
            Object[] values = new Object[fields.length];
            try {
                for (int i = 0; i < fields.length; i++) {
                    values[i] = fields[i].get(task);
                }
                return values;
            } catch (IllegalAccessException e) {
                // fall through to writeReplace
            }
        }
        SerializedLambda form = Objects.requireNonNull(serializedForm(task), "writeReplace of a lambda class that had one");
        Object[] values = new Object[form.getCapturedArgCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = form.getCapturedArg(i);
        }
        return values;
    }

    /** The instance fields of lambda class {@code type} in capture order, if they hold what {@code form} says. */
    private static Field[] capturedFields(Class<?> type, Object sample, SerializedLambda form) {
        List<Field> fields = new ArrayList<>();
        for (Field f : type.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                fields.add(f);
            }
        }
        if (fields.size() != form.getCapturedArgCount()) {
            return null;
        }
        fields.sort(Comparator.comparing(Field::getName, Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder())));
        try {
            for (int i = 0; i < fields.size(); i++) {
                Field f = fields.get(i);
                if (!f.trySetAccessible() || !Objects.equals(f.get(sample), form.getCapturedArg(i))) {
                    return null;
                }
            }
        } catch (IllegalAccessException e) {
            return null;
        }
        return fields.toArray(new Field[0]);
    }

    private static Shape define(int id, SerializedLambda form, Field[] captured) {
        FrameBuffer out = new FrameBuffer();
        int frame = out.beginFrame(PoolProtocol.DEFINE_LAMBDA);
        out.writeInt(id);
        String capturing = form.getCapturingClass().replace('/', '.');
        out.writeString(capturing);
        out.writeString(form.getFunctionalInterfaceClass());
        out.writeString(form.getFunctionalInterfaceMethodName());
        out.writeString(form.getFunctionalInterfaceMethodSignature());
        out.writeInt(form.getImplMethodKind());
        out.writeString(form.getImplClass());
        out.writeString(form.getImplMethodName());
        out.writeString(form.getImplMethodSignature());
        out.writeString(form.getInstantiatedMethodType());
        out.endFrame(frame);
        int dot = capturing.lastIndexOf('.');
        return new Shape(id, out.toByteArray(), dot < 0 ? "" : capturing.substring(0, dot), captured);
    }
}
