package org.nativeipc.codec;

import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.Objects;

import org.nativeipc.internal.codec.ReceivingPolicy;

/**
 * Any {@link Serializable} value, with Java serialization, behind a
 * {@link SerializationAllowList}. Writing refuses a value that names a class outside the list
 * (the reader would refuse it), before anything is sent; reading refuses such a class before
 * any of its code runs, and also refuses what exceeds the limits of
 * {@link SerializationAllowList#filter(long)} (array lengths, references, bytes, depth), with a
 * {@link CodecException} that names what was refused and how to allow a class.
 *
 * <p>Shared objects (queues, pipes) that arrive inside a message attach under this codec's
 * allow-list, whatever codec their handle names.
 *
 * @param <E> the type of the values
 */
public final class JavaSerializationCodec<E> implements Codec<E> {
    private static final long serialVersionUID = 1L;

    /** The classes that may be deserialized. */
    private final SerializationAllowList allowList;

    /**
     * A codec that writes and reads only what {@code allowList} allows.
     *
     * @param allowList the classes messages may name
     */
    public JavaSerializationCodec(SerializationAllowList allowList) {
        this.allowList = Objects.requireNonNull(allowList, "allowList: give SerializationAllowList.defaults() or your own");
    }

    /**
     * What this codec may deserialize.
     *
     * @return the allow-list
     */
    public SerializationAllowList allowList() {
        return allowList;
    }

    @Override
    public void encode(E value, CodecOutput out) {
        if (!(value instanceof Serializable)) {
            throw new IllegalArgumentException("cannot send a " + (value == null ? "null" : value.getClass().getName())
                    + ": it is not Serializable; implement java.io.Serializable, make it a record, or send a byte[] or String");
        }
        try {
            CheckedObjectOutput objects = new CheckedObjectOutput(out.asOutputStream(), allowList);
            objects.writeObject(value);
            objects.flush();
        } catch (RefusedClassException e) {
            throw new IllegalArgumentException("cannot send a " + value.getClass().getName() + ": consumers would refuse it, as it holds "
                    + e.getMessage(), e);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("cannot send a " + value.getClass().getName() + ": it holds a "
                    + e.getMessage() + ", which is not Serializable; make it Serializable or mark the field transient", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialize a " + value.getClass().getName() + ": " + e, e);
        }
    }

    /** Writes {@code value} as a SERIALIZED value of the {@link WireFormat}: the tag, the length, the bytes. */
    @SuppressWarnings("unchecked")
    void writeNested(Object value, CodecOutput out) {
        out.writeByte(WireFormat.SERIALIZED);
        int lengthAt = out.length();
        out.writeInt(0);
        encode((E) value, out);
        out.patchInt(lengthAt, out.length() - lengthAt - Integer.BYTES);
    }

    @Override
    @SuppressWarnings("unchecked")
    public E decode(ByteBuffer buffer, int offset, int length) {
        MessageFilter filter = new MessageFilter(allowList, length);
        try (ReceivingPolicy.Scope policy = ReceivingPolicy.enter(allowList);
                ObjectInputStream objects = new ObjectInputStream(new ByteBufferInputStream(buffer, offset, length))) {
            objects.setObjectInputFilter(filter);
            return (E) objects.readObject();
        } catch (ClassNotFoundException e) {
            throw new CodecException("cannot deserialize a message: its class " + e.getMessage()
                    + " is not on this process's class path", e);
        } catch (IOException | RuntimeException e) {
            if (filter.refusal() != null) {
                throw new CodecException("refused to deserialize a message of " + length + " bytes: it holds " + filter.refusal(), e);
            }
            throw new CodecException("cannot deserialize a message of " + length + " bytes: it is corrupt (" + e + ")", e);
        }
    }

    @Override
    public String toString() {
        return "java serialization (" + allowList + ")";
    }

    /** Checks every class it writes against the allow-list, as the reader will. */
    private static final class CheckedObjectOutput extends ObjectOutputStream {
        private final SerializationAllowList allowList;

        CheckedObjectOutput(OutputStream out, SerializationAllowList allowList) throws IOException {
            super(out);
            this.allowList = allowList;
        }

        @Override
        protected void annotateClass(Class<?> type) {
            if (!allowList.allows(type)) {
                Class<?> element = type;
                while (element.isArray()) {
                    element = element.getComponentType();
                }
                throw new RefusedClassException("a " + type.getName() + ", " + allowList.refusalOf(element.getName()));
            }
        }

        @Override
        protected void annotateProxyClass(Class<?> type) {
            throw new RefusedClassException("a reflection proxy (" + type.getName() + "), which is never deserialized");
        }
    }

    /**
     * A class the allow-list refuses, found while writing (unchecked: an IOException would make
     * the stream try to write the exception itself into the message).
     */
    private static final class RefusedClassException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RefusedClassException(String message) {
            super(message);
        }
    }
}
