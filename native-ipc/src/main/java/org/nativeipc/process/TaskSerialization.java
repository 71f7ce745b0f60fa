package org.nativeipc.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/**
 * Serializes the bootstrap message of a child, and turns a failure into a message that names
 * the culprit and the fix.
 */
final class TaskSerialization {
    private TaskSerialization() {
    }

    /**
     * The serialized {@code message}, which carries {@code body}, after the form byte
     * {@link BootstrapProtocol#FORM_SERIALIZED}.
     *
     * @throws IllegalArgumentException if something in it is not serializable
     */
    static byte[] serialize(String childName, Object body, Serializable message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(BootstrapProtocol.FORM_SERIALIZED);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(message);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException(explain(childName, body, e.getMessage()), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot start " + childName + ": its task could not be serialized: " + e, e);
        }
        return bytes.toByteArray();
    }

    static String explain(String childName, Object body, String offendingClass) {
        StringBuilder s = new StringBuilder("cannot start ").append(childName)
                .append(": its task is not serializable: it captures or holds a ").append(offendingClass)
                .append(", which is not Serializable. Make ").append(offendingClass)
                .append(" Serializable, mark the field transient, or create that object inside the task");
        String enclosing = enclosingClassName(body.getClass());
        if (enclosing != null && enclosing.equals(offendingClass)) {
            s.append(". The task refers to its enclosing ").append(enclosing)
                    .append(" instance: in a lambda, copy what it needs into local variables first;")
                    .append(" for a ChildProcess subclass, make it a static nested or top-level class");
        }
        return s.toString();
    }

    /** The class whose code created a lambda or an anonymous/inner class, or null. */
    static String enclosingClassName(Class<?> type) {
        String n = type.getName();
        int lambda = n.indexOf("$$Lambda");
        if (lambda > 0) {
            return n.substring(0, lambda);
        }
        Class<?> enclosing = type.getEnclosingClass();
        return enclosing == null ? null : enclosing.getName();
    }
}
