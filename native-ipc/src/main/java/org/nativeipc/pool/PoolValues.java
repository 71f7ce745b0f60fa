package org.nativeipc.pool;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;

import org.nativeipc.codec.Codec;
import org.nativeipc.codec.CodecException;
import org.nativeipc.codec.Codecs;
import org.nativeipc.codec.SerializationAllowList;

/**
 * How values travel between a pool and its workers: task arguments, map items, results and
 * exceptions. The values sent most often take one tag byte and their bits (null, int, long,
 * double, boolean, String, byte[]); any other {@link Serializable} value goes through Java
 * serialization, and an exception as an {@code ERROR} that also carries its class name, message
 * and stack trace as text, so the parent can report it even when it cannot recreate it.
 *
 * <p><b>Trust.</b> What the parent sends its workers is read without an allow-list: it is the
 * code and data the parent chose to run, exactly as a {@code ChildProcess} reads its task. What
 * workers send back is read through the pool's {@link SerializationAllowList} (the project's
 * {@link Codecs#java} codec), as any message from another process is.
 */
final class PoolValues {
    static final byte NULL = 0;
    static final byte INT = 1;
    static final byte LONG = 2;
    static final byte DOUBLE = 3;
    static final byte STRING = 4;
    static final byte TRUE = 5;
    static final byte FALSE = 6;
    static final byte BYTES = 7;
    static final byte SERIALIZED = 8;
    static final byte ERROR = 9;
    /** Causes written as text after an exception (the rest of a longer chain is dropped). */
    static final int MAX_CAUSES = 8;

    /** An exception a task threw, as decoded: the value stored in its result's place. */
    record Failure(Throwable error) {
    }

    private PoolValues() {
    }

    /**
     * Appends {@code value}.
     *
     * @throws IllegalArgumentException if it is not serializable (the cause is the
     *     {@link NotSerializableException}, whose message names the class that is not); nothing
     *     is appended then
     */
    static void write(Object value, FrameBuffer out) {
        if (value == null) {
            out.writeByte(NULL);
            return;
        }
        Class<?> type = value.getClass();
        if (type == Integer.class) {
            out.writeByte(INT);
            out.writeInt((Integer) value);
        } else if (type == String.class) {
            out.writeByte(STRING);
            out.writeString((String) value);
        } else if (type == Long.class) {
            out.writeByte(LONG);
            out.writeLong((Long) value);
        } else if (type == Double.class) {
            out.writeByte(DOUBLE);
            out.writeLong(Double.doubleToRawLongBits((Double) value));
        } else if (type == Boolean.class) {
            out.writeByte((Boolean) value ? TRUE : FALSE);
        } else if (type == byte[].class) {
            byte[] bytes = (byte[]) value;
            out.writeByte(BYTES);
            out.writeInt(bytes.length);
            out.writeBytes(bytes, 0, bytes.length);
        } else {
            int mark = out.length();
            out.writeByte(SERIALIZED);
            try {
                writeSerialized(value, out);
            } catch (IOException e) {
                out.rewind(mark);
                throw new IllegalArgumentException(type.getName() + " cannot be serialized: " + e, e);
            }
        }
    }

    /** Appends {@code error} as an {@code ERROR}: serialized if possible, and as text in any case. */
    static void writeError(Throwable error, FrameBuffer out) {
        out.writeByte(ERROR);
        int mark = out.length();
        try {
            writeSerialized(error, out);
        } catch (IOException | RuntimeException notSerializable) {
            out.rewind(mark);
            out.writeInt(-1);
        }
        int countAt = out.length();
        out.writeByte(0);
        int count = 0;
        for (Throwable t = error; t != null && count < MAX_CAUSES; t = t.getCause() == t ? null : t.getCause()) {
            out.writeString(t.getClass().getName());
            out.writeString(t.getMessage());
            StackTraceElement[] frames = t.getStackTrace();
            out.writeInt(frames.length);
            for (StackTraceElement f : frames) {
                out.writeString(f.getClassName());
                out.writeString(f.getMethodName());
                out.writeString(f.getFileName());
                out.writeInt(f.getLineNumber());
            }
            count++;
        }
        out.putByte(countAt, count);
    }

    /** A length-prefixed Java serialization of {@code value}. */
    private static void writeSerialized(Object value, FrameBuffer out) throws IOException {
        if (!(value instanceof Serializable)) {
            throw new NotSerializableException(value.getClass().getName());
        }
        int lengthAt = out.length();
        out.writeInt(0);
        ObjectOutputStream objects = new ObjectOutputStream(out.asOutputStream());
        objects.writeObject(value);
        objects.flush();
        out.putInt(lengthAt, out.length() - lengthAt - Integer.BYTES);
    }

    /** How a side reads serialized values: with or without an allow-list. */
    static final class Decoder {
        private final Codec<Object> filtered;

        private Decoder(Codec<Object> filtered) {
            this.filtered = filtered;
        }

        /** For workers: reads what their parent sent, without an allow-list. */
        static Decoder trusted() {
            return new Decoder(null);
        }

        /** For the parent: reads what workers sent through {@code allowList}. */
        static Decoder filtered(SerializationAllowList allowList) {
            return new Decoder(Codecs.java(allowList));
        }

        /**
         * Reads one value; an {@code ERROR} is returned as a {@link Failure}, and so is a value
         * that may not or cannot be deserialized here (with a {@link CodecException} that says why).
         */
        Object read(FrameReader in) {
            byte tag = in.readByte();
            switch (tag) {
                case NULL:
                    return null;
                case INT:
                    return in.readInt();
                case STRING:
                    return in.readString();
                case LONG:
                    return in.readLong();
                case DOUBLE:
                    return Double.longBitsToDouble(in.readLong());
                case TRUE:
                    return Boolean.TRUE;
                case FALSE:
                    return Boolean.FALSE;
                case BYTES:
                    return in.readBytes(in.readInt());
                case SERIALIZED:
                    return readSerialized(in, in.readInt());
                case ERROR:
                    return readError(in);
                default:
                    throw new IllegalStateException("corrupt pool message: unknown value tag " + tag);
            }
        }

        private Object readSerialized(FrameReader in, int length) {
            int start = in.position();
            in.seek(start + length);
            try {
                if (filtered != null) {
                    return filtered.decode(in.buffer(), start, length);
                }
                byte[] bytes = new byte[length];
                in.buffer().get(start, bytes, 0, length);
                try (ObjectInputStream objects = new TrustedObjectInput(new ByteArrayInputStream(bytes))) {
                    return objects.readObject();
                }
            } catch (IOException | ClassNotFoundException | RuntimeException e) {
                return new Failure(e instanceof CodecException ? e
                        : new CodecException("cannot deserialize a value of " + length + " bytes the parent sent: " + e, e));
            }
        }

        private Failure readError(FrameReader in) {
            int serializedLength = in.readInt();
            Object original = serializedLength >= 0 ? readSerialized(in, serializedLength) : null;
            int count = in.readByte();
            String[] names = new String[count];
            String[] messages = new String[count];
            StackTraceElement[][] traces = new StackTraceElement[count][];
            for (int i = 0; i < count; i++) {
                names[i] = in.readString();
                messages[i] = in.readString();
                StackTraceElement[] frames = new StackTraceElement[in.readInt()];
                for (int f = 0; f < frames.length; f++) {
                    String cls = in.readString();
                    String method = in.readString();
                    String file = in.readString();
                    frames[f] = new StackTraceElement(cls, method, file, in.readInt());
                }
                traces[i] = frames;
            }
            if (original instanceof Throwable t) {
                return new Failure(t);
            }
            Throwable rebuilt = null;
            for (int i = count - 1; i >= 0; i--) {
                rebuilt = new RemoteTaskException(names[i], messages[i], traces[i], rebuilt);
            }
            return new Failure(rebuilt != null ? rebuilt : new RemoteTaskException("unknown", null, new StackTraceElement[0], null));
        }
    }

    /** Resolves classes through the thread's context class loader first (launchers may set one). */
    private static final class TrustedObjectInput extends ObjectInputStream {
        TrustedObjectInput(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader != null) {
                try {
                    return Class.forName(desc.getName(), false, loader);
                } catch (ClassNotFoundException notThere) {
                    // fall back to the default resolution below
                }
            }
            return super.resolveClass(desc);
        }
    }
}
