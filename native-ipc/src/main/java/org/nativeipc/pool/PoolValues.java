package org.nativeipc.pool;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

import org.nativeipc.codec.Codec;
import org.nativeipc.codec.CodecException;
import org.nativeipc.codec.CodecOutput;
import org.nativeipc.codec.Codecs;
import org.nativeipc.codec.SerializationAllowList;

/**
 * How values travel between a pool and its workers: task arguments, map items, results and
 * exceptions. The values sent most often take one tag byte and their bits (null, int, long,
 * double, boolean, String, byte[]); every other value goes through the project's
 * {@linkplain Codecs#defaults default codec} — records, enums, collections, JDK value types
 * structurally, other {@code Serializable} classes by Java serialization — under the pool's
 * {@link SerializationAllowList}, in both directions, as through a queue: what a side would
 * refuse to read is refused when it is written. An exception travels as an {@code ERROR}: Java
 * serialization of the exception itself, and its class name, message and stack trace as text,
 * so that the parent can report it even when it cannot recreate it.
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
    static final byte CODEC = 8;
    static final byte ERROR = 9;
    /** Causes written as text after an exception (the rest of a longer chain is dropped). */
    static final int MAX_CAUSES = 8;

    /** An exception a task threw, as decoded: the value stored in its result's place. */
    record Failure(Throwable error) {
    }

    private PoolValues() {
    }

    /** Writes values with one allow-list. Not thread-safe: one per writing thread. */
    static final class Encoder {
        private final Codec<Object> codec;
        private final int version;
        private final int limitBytes;
        private final CodecOutput scratch;

        /** An encoder for version {@code version} of the pool's allow-list, of values of at most {@code limitBytes} each. */
        Encoder(SerializationAllowList allowList, int version, int limitBytes) {
            this.codec = Codecs.defaults(allowList);
            this.version = version;
            this.limitBytes = limitBytes;
            this.scratch = new CodecOutput(limitBytes);
        }

        int version() {
            return version;
        }

        /**
         * Appends {@code value}.
         *
         * @throws IllegalArgumentException if the codec refuses it (a class off the allow-list,
         *     not serializable, too large), with the codec's explanation; nothing is appended then
         */
        void write(Object value, FrameBuffer out) {
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
                codec.encode(value, scratch.reset(limitBytes));
                out.writeByte(CODEC);
                out.writeInt(scratch.length());
                out.writeBytes(scratch.array(), 0, scratch.length());
            }
        }
    }

    /** Appends {@code error} as an {@code ERROR}: serialized if possible, and as text in any case. */
    static void writeError(Throwable error, FrameBuffer out) {
        out.writeByte(ERROR);
        byte[] serialized = serialized(error);
        out.writeInt(serialized == null ? -1 : serialized.length);
        if (serialized != null) {
            out.writeBytes(serialized, 0, serialized.length);
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

    /** Java serialization of {@code error}, or null if something it holds is not serializable. */
    private static byte[] serialized(Throwable error) {
        try {
            return javaSerialized(error);
        } catch (IOException | RuntimeException notSerializable) {
            return null;
        }
    }

    /** Plain Java serialization of {@code value} (for what only the pool itself reads: exceptions, allow-lists). */
    static byte[] javaSerialized(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream objects = new ObjectOutputStream(bytes)) {
            objects.writeObject(value);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads values written under one allow-list. Thread-safe (the codec is), so one serves every
     * reading thread.
     */
    static final class Decoder {
        private final SerializationAllowList allowList;
        private final Codec<Object> codec;

        Decoder(SerializationAllowList allowList) {
            this.allowList = allowList;
            this.codec = Codecs.defaults(allowList);
        }

        /**
         * Reads one value; an {@code ERROR} is returned as a {@link Failure}, and so is a value that
         * may not or cannot be decoded here (with the codec's {@link CodecException}).
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
                case CODEC:
                    return readCoded(in, in.readInt());
                case ERROR:
                    return readError(in);
                default:
                    throw new PoolProtocolException("corrupt pool message: unknown value tag " + tag);
            }
        }

        private Object readCoded(FrameReader in, int length) {
            int start = in.position();
            in.seek(start + length);
            try {
                return codec.decode(in.buffer(), start, length);
            } catch (CodecException e) {
                return new Failure(e);
            }
        }

        private Failure readError(FrameReader in) {
            int serializedLength = in.readInt();
            Throwable original = null;
            if (serializedLength >= 0) {
                original = deserializeThrowable(in.readBytes(serializedLength));
            }
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
            if (original != null) {
                return new Failure(original);
            }
            Throwable rebuilt = null;
            for (int i = count - 1; i >= 0; i--) {
                rebuilt = new RemoteTaskException(names[i], messages[i], traces[i], rebuilt);
            }
            return new Failure(rebuilt != null ? rebuilt : new RemoteTaskException("unknown", null, new StackTraceElement[0], null));
        }

        /**
         * The exception a worker sent, or null if it may not or cannot be recreated here. Allowed
         * beside the pool's allow-list: exception classes of the JDK and of allowed packages,
         * and stack trace elements — what any exception is made of.
         */
        private Throwable deserializeThrowable(byte[] bytes) {
            ObjectInputFilter limits = allowList.filter(bytes.length);
            ObjectInputFilter filter = info -> {
                ObjectInputFilter.Status status = limits.checkInput(info);
                Class<?> type = info.serialClass();
                while (type != null && type.isArray()) {
                    type = type.getComponentType();
                }
                if (status == ObjectInputFilter.Status.REJECTED && type != null && info.depth() <= SerializationAllowList.MAX_DEPTH
                        && (type == StackTraceElement.class || Throwable.class.isAssignableFrom(type) && isExceptionFrom(type))) {
                    return ObjectInputFilter.Status.ALLOWED;
                }
                return status;
            };
            try (ObjectInputStream objects = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
                objects.setObjectInputFilter(filter);
                return objects.readObject() instanceof Throwable t ? t : null;
            } catch (IOException | ClassNotFoundException | RuntimeException refused) {
                return null;
            }
        }

        private boolean isExceptionFrom(Class<?> type) {
            String name = type.getName();
            return name.startsWith("java.") || name.startsWith("javax.") || allowList.allows(type);
        }
    }
}
