package org.nativeipc.codec;

import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Any {@link Serializable} value, with Java serialization, read back behind a
 * {@link SerializationAllowList}: a message naming a class outside the list is refused with a
 * {@link CodecException} that names the class and how to allow it, before any of its code
 * runs.
 *
 * @param <E> the type of the values
 */
public final class JavaSerializationCodec<E> implements Codec<E> {
    private static final long serialVersionUID = 1L;

    private final SerializationAllowList allowList;

    /** A codec that deserializes only what {@code allowList} allows. */
    public JavaSerializationCodec(SerializationAllowList allowList) {
        this.allowList = Objects.requireNonNull(allowList, "allowList: give SerializationAllowList.defaults() or your own");
    }

    /** What this codec may deserialize. */
    public SerializationAllowList allowList() {
        return allowList;
    }

    @Override
    public void encode(E value, CodecOutput out) {
        if (!(value instanceof Serializable)) {
            throw new IllegalArgumentException("cannot send a " + (value == null ? "null" : value.getClass().getName())
                    + ": it is not Serializable; implement java.io.Serializable or send a byte[] or String");
        }
        try {
            ObjectOutputStream objects = new ObjectOutputStream(out.asOutputStream());
            objects.writeObject(value);
            objects.flush();
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("cannot send a " + value.getClass().getName() + ": it holds a "
                    + e.getMessage() + ", which is not Serializable; make it Serializable or mark the field transient", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialize a " + value.getClass().getName() + ": " + e, e);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public E decode(ByteBuffer buffer, int offset, int length) {
        RecordingFilter filter = new RecordingFilter(allowList.filter());
        try (ObjectInputStream objects = new ObjectInputStream(new ByteBufferInputStream(buffer, offset, length))) {
            objects.setObjectInputFilter(filter);
            return (E) objects.readObject();
        } catch (InvalidClassException e) {
            if (filter.rejected != null) {
                throw refused(filter.rejected, e);
            }
            throw new CodecException("cannot deserialize a message: " + e.getMessage(), e);
        } catch (ClassNotFoundException e) {
            throw new CodecException("cannot deserialize a message: its class " + e.getMessage()
                    + " is not on this process's class path", e);
        } catch (IOException | RuntimeException e) {
            if (filter.rejected != null) {
                throw refused(filter.rejected, e);
            }
            throw new CodecException("cannot deserialize a message of " + length + " bytes: it is corrupt (" + e + ")", e);
        }
    }

    private CodecException refused(String what, Exception cause) {
        return new CodecException("refused to deserialize a message: it contains " + what + ", which is not on the "
                + allowList + "; if you trust it, allow its package (SerializationAllowList.defaults().allowPackage(...),"
                + " or -D" + SerializationAllowList.ALLOW_PROPERTY + "=<package>). The message was dropped; the queue carries on", cause);
    }

    /** Delegates to the allow-list and remembers what it refused, for the error message. */
    private static final class RecordingFilter implements ObjectInputFilter {
        private final ObjectInputFilter delegate;
        String rejected;

        RecordingFilter(ObjectInputFilter delegate) {
            this.delegate = delegate;
        }

        @Override
        public Status checkInput(FilterInfo info) {
            Status status = delegate.checkInput(info);
            if (status == Status.REJECTED && rejected == null) {
                rejected = info.serialClass() != null ? "a " + info.serialClass().getName()
                        : "an object graph deeper than " + SerializationAllowList.MAX_DEPTH + " levels (depth " + info.depth() + ")";
            }
            return status;
        }
    }

    @Override
    public String toString() {
        return "java serialization (" + allowList + ")";
    }
}
