package org.nativeipc.pool;

import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds out why a task cannot be sent to a worker and says it in a sentence: which captured
 * value (or field of one, however deep) is not {@link Serializable}, and what to do about it.
 * Java's own {@code NotSerializableException} names only the class; a lambda that captured
 * {@code this} by using a field or method of its enclosing object deserves a clearer word.
 */
final class Culprits {
    /** How deep the search follows fields and elements. */
    private static final int MAX_DEPTH = 12;
    /** Elements of one array or collection looked at. */
    private static final int MAX_ELEMENTS = 10_000;

    private Culprits() {
    }

    /** For a task that is not {@link Serializable} at all (a lambda typed as a plain {@code Callable}, say). */
    static String notSerializable(Object task, String what) {
        Class<?> type = task.getClass();
        StringBuilder s = new StringBuilder("cannot send ").append(what).append(" to a worker: ")
                .append(describe(type)).append(" is not Serializable");
        if (type.isHidden()) {
            s.append(" (a lambda typed as a plain ").append(functionalInterfaceOf(type))
                    .append(" is not; declare it as ProcessCallable, e.g. pool.submit((ProcessCallable<T>) () -> ...))");
            List<String> captured = new ArrayList<>();
            String enclosing = enclosingClassOf(type);
            for (Field f : type.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    captured.add(f.getType().getName().equals(enclosing) ? "this (the enclosing " + enclosing + ")"
                            : "a " + f.getType().getName());
                }
            }
            if (!captured.isEmpty()) {
                s.append("; it captures ").append(String.join(", ", captured));
            }
        } else {
            s.append("; make it implement java.io.Serializable (or use a ProcessCallable lambda)");
        }
        return s.toString();
    }

    /** For a serializable lambda one of whose captured values cannot be serialized. */
    static String capturedValue(Object task, SerializedLambda form, int index, String what, String javaMessage) {
        Object value = form.getCapturedArg(index);
        String enclosing = form.getCapturingClass().replace('/', '.');
        boolean isThis = value != null && value.getClass().getName().equals(enclosing) && index == 0
                && form.getImplMethodKind() != java.lang.invoke.MethodHandleInfo.REF_invokeStatic;
        String root = isThis ? "this (the enclosing " + enclosing + " object, captured because the lambda uses its fields or methods)"
                : "captured value #" + (index + 1) + " (a " + value.getClass().getName() + ")";
        String path = pathToCulprit(value, root);
        StringBuilder s = new StringBuilder("cannot send ").append(what).append(" to a worker: it captures ")
                .append(path != null ? path : root + ", which holds a " + javaMessage)
                .append(", which is not Serializable. Make that class Serializable, mark the field transient, or create the object"
                        + " inside the task");
        if (isThis) {
            s.append("; to avoid capturing this, copy what the lambda needs into local variables first");
        }
        return s.toString();
    }

    /** For a serializable task object that holds something that is not. */
    static String heldValue(Object task, String what, String javaMessage) {
        String root = describe(task.getClass());
        String path = pathToCulprit(task, root);
        return "cannot send " + what + " to a worker: " + (path != null ? path : root + " holds a " + javaMessage)
                + ", which is not Serializable. Make that class Serializable, mark the field transient, or create the object"
                + " inside the task";
    }

    /** "root → field conn (a java.net.Socket)" for the first non-serializable object under {@code value}, or null. */
    static String pathToCulprit(Object value, String root) {
        return search(value, root, 0, new IdentityHashMap<>());
    }

    private static String search(Object value, String path, int depth, Map<Object, Boolean> seen) {
        if (value == null || depth > MAX_DEPTH || seen.put(value, Boolean.TRUE) != null) {
            return null;
        }
        if (!(value instanceof Serializable)) {
            return path;
        }
        Class<?> type = value.getClass();
        if (type.isArray()) {
            if (type.getComponentType().isPrimitive()) {
                return null;
            }
            int n = Math.min(Array.getLength(value), MAX_ELEMENTS);
            for (int i = 0; i < n; i++) {
                String found = search(Array.get(value, i), path + " → element [" + i + "]" + typeOf(Array.get(value, i)), depth + 1, seen);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (value instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                if (i++ == MAX_ELEMENTS) {
                    break;
                }
                String found = search(e, path + " → an element" + typeOf(e), depth + 1, seen);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String found = search(e.getKey(), path + " → a key" + typeOf(e.getKey()), depth + 1, seen);
                if (found == null) {
                    found = search(e.getValue(), path + " → the value for " + e.getKey() + typeOf(e.getValue()), depth + 1, seen);
                }
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        for (Class<?> c = type; c != null && Serializable.class.isAssignableFrom(c); c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                int mod = f.getModifiers();
                if (Modifier.isStatic(mod) || Modifier.isTransient(mod) || f.getType().isPrimitive() || !f.trySetAccessible()) {
                    continue;
                }
                Object fieldValue;
                try {
                    fieldValue = f.get(value);
                } catch (IllegalAccessException e) {
                    continue;
                }
                String found = search(fieldValue, path + " → field " + f.getName() + typeOf(fieldValue), depth + 1, seen);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String typeOf(Object value) {
        return value == null ? "" : " (a " + value.getClass().getName() + ")";
    }

    /** A task for messages: "the lambda from com.acme.Main" or "a com.acme.Job". */
    static String describeTask(Object task) {
        return task == null ? "no task" : describe(task.getClass());
    }

    private static String describe(Class<?> type) {
        return type.isHidden() ? "the lambda from " + enclosingClassOf(type) : "a " + type.getName();
    }

    /** The class whose code made lambda class {@code type}: its name up to {@code $$Lambda}. */
    private static String enclosingClassOf(Class<?> type) {
        String n = type.getName();
        int at = n.indexOf("$$Lambda");
        return at > 0 ? n.substring(0, at) : n;
    }

    private static String functionalInterfaceOf(Class<?> type) {
        Class<?>[] interfaces = type.getInterfaces();
        return interfaces.length > 0 ? interfaces[0].getSimpleName() : "interface";
    }
}
