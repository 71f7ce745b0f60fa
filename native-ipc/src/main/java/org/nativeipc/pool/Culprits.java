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

    /**
     * For a serializable lambda one of whose captured values the codec refused ({@code refusal}):
     * names the value — {@code this}, when the lambda captured its enclosing object — and, if
     * something in it is not serializable, the path to it; otherwise quotes the codec's reason.
     */
    static String capturedValue(SerializedLambda form, int index, String what, IllegalArgumentException refusal) {
        Object value = form.getCapturedArg(index);
        String enclosing = form.getCapturingClass().replace('/', '.');
        boolean isThis = value != null && value.getClass().getName().equals(enclosing) && index == 0
                && form.getImplMethodKind() != java.lang.invoke.MethodHandleInfo.REF_invokeStatic;
        String root = isThis ? "this (the enclosing " + enclosing + " object, captured because the lambda uses its fields or methods)"
                : "captured value #" + (index + 1) + " (a " + value.getClass().getName() + ")";
        String message = explain(value, root, what, "it captures ", refusal);
        return isThis ? message + "; to avoid capturing this, copy what the lambda needs into local variables first" : message;
    }

    /** For a task, map function or item that the codec refused ({@code refusal}). */
    static String heldValue(Object value, String what, IllegalArgumentException refusal) {
        return explain(value, describe(value.getClass()), what, "", refusal);
    }

    private static String explain(Object value, String root, String what, String lead, IllegalArgumentException refusal) {
        String reason = refusal.getMessage();
        String path = reason != null && reason.contains("not Serializable") ? pathToCulprit(value, root) : null;
        if (path != null) {
            return "cannot send " + what + " to a worker: " + lead + (path.equals(root) ? root : path)
                    + ", which is not Serializable. Make that class Serializable (or a record), mark the field transient, or"
                    + " create the object inside the task";
        }
        String hint = reason != null && reason.contains("allow-list")
                ? " (for a pool: ProcessPool.builder().allowPackage(...), or -D" + org.nativeipc.codec.SerializationAllowList.ALLOW_PROPERTY + ")"
                : "";
        return "cannot send " + what + " to a worker: " + lead + root + ", which cannot travel: " + reason + hint;
    }

    /** "root → field conn (a java.net.Socket)" for the first non-serializable object under {@code value}, or null. */
    static String pathToCulprit(Object value, String root) {
        return search(value, root, 0, new IdentityHashMap<>());
    }

    private static String search(Object value, String path, int depth, Map<Object, Boolean> seen) {
        if (value == null || depth > MAX_DEPTH || seen.put(value, Boolean.TRUE) != null) {
            return null;
        }
        Class<?> type = value.getClass();
        if (type.isArray()) {
            return type.getComponentType().isPrimitive() ? null : searchArray(value, path, depth, seen);
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
        if (!type.isRecord() && !(value instanceof Serializable)) {
            return path;
        }
        return searchFields(value, path, depth, seen);
    }

    private static String searchArray(Object array, String path, int depth, Map<Object, Boolean> seen) {
        int n = Math.min(Array.getLength(array), MAX_ELEMENTS);
        for (int i = 0; i < n; i++) {
            Object e = Array.get(array, i);
            String found = search(e, path + " → element [" + i + "]" + typeOf(e), depth + 1, seen);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** The fields a serialization of {@code value} writes: its record components, or its non-transient fields. */
    private static String searchFields(Object value, String path, int depth, Map<Object, Boolean> seen) {
        for (Class<?> c = value.getClass(); c != null && (c.isRecord() || Serializable.class.isAssignableFrom(c)); c = c.getSuperclass()) {
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
