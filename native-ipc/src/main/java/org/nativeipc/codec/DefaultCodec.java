package org.nativeipc.codec;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The codec queues and pipes use unless told otherwise: one tag byte, then a fast encoding for
 * the values sent most often — {@code null}, boxed primitives, {@code String}, {@code byte[]} —
 * and Java serialization behind a {@link SerializationAllowList} for every other
 * {@code Serializable} value.
 *
 * <p><b>Why this default.</b> It accepts everything Python's pickling of plain data accepts, so
 * ported code just works, and it keeps the common small messages cheap: an {@code Integer} is
 * five bytes written and read with no allocation besides the box, where Java serialization
 * would write about 80 bytes and build two object streams per message (microseconds, the whole
 * budget of a fast queue). Raw {@link ByteArrayCodec} and {@link Utf8Codec} remain the fastest
 * choice when every message is of one type.
 */
public final class DefaultCodec implements Codec<Object> {
    private static final long serialVersionUID = 1L;
    /** Strings up to this many chars are encoded char by char (no temporary array). */
    static final int INLINE_STRING_CHARS = 64;

    static final byte NULL = 0;
    static final byte BYTES = 1;
    static final byte STRING = 2;
    static final byte INT = 3;
    static final byte LONG = 4;
    static final byte DOUBLE = 5;
    static final byte FLOAT = 6;
    static final byte SHORT = 7;
    static final byte BYTE = 8;
    static final byte CHAR = 9;
    static final byte FALSE = 10;
    static final byte TRUE = 11;
    static final byte SERIALIZED = 100;

    private final JavaSerializationCodec<Object> serialization;

    /** A default codec whose fallback deserializes only what {@code allowList} allows. */
    public DefaultCodec(SerializationAllowList allowList) {
        this.serialization = new JavaSerializationCodec<>(Objects.requireNonNull(allowList, "allowList"));
    }

    /** What the Java-serialization fallback may deserialize. */
    public SerializationAllowList allowList() {
        return serialization.allowList();
    }

    @Override
    public void encode(Object value, CodecOutput out) {
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
            Utf8Codec.writeUtf8((String) value, out);
        } else if (type == Long.class) {
            out.writeByte(LONG);
            out.writeLong((Long) value);
        } else if (type == byte[].class) {
            byte[] bytes = (byte[]) value;
            out.writeByte(BYTES);
            out.writeBytes(bytes, 0, bytes.length);
        } else if (type == Double.class) {
            out.writeByte(DOUBLE);
            out.writeLong(Double.doubleToRawLongBits((Double) value));
        } else if (type == Boolean.class) {
            out.writeByte((Boolean) value ? TRUE : FALSE);
        } else if (type == Float.class) {
            out.writeByte(FLOAT);
            out.writeInt(Float.floatToRawIntBits((Float) value));
        } else if (type == Short.class) {
            out.writeByte(SHORT);
            out.writeShort((Short) value);
        } else if (type == Byte.class) {
            out.writeByte(BYTE);
            out.writeByte((Byte) value);
        } else if (type == Character.class) {
            out.writeByte(CHAR);
            out.writeShort((Character) value);
        } else {
            out.writeByte(SERIALIZED);
            serialization.encode(value, out);
        }
    }

    @Override
    public Object decode(ByteBuffer buffer, int offset, int length) {
        if (length < 1) {
            throw new CodecException("cannot decode an empty message: the default codec writes at least a tag byte"
                    + " (was it sent with another codec, or with sendBytes?)");
        }
        byte tag = buffer.get(offset);
        int at = offset + 1;
        int size = length - 1;
        switch (tag) {
            case NULL:
                return null;
            case INT:
                check(tag, size, Integer.BYTES);
                return buffer.getInt(at);
            case STRING:
                return Utf8Codec.readUtf8(buffer, at, size);
            case LONG:
                check(tag, size, Long.BYTES);
                return buffer.getLong(at);
            case BYTES:
                byte[] bytes = new byte[size];
                buffer.get(at, bytes, 0, size);
                return bytes;
            case DOUBLE:
                check(tag, size, Long.BYTES);
                return Double.longBitsToDouble(buffer.getLong(at));
            case FALSE:
                return Boolean.FALSE;
            case TRUE:
                return Boolean.TRUE;
            case FLOAT:
                check(tag, size, Integer.BYTES);
                return Float.intBitsToFloat(buffer.getInt(at));
            case SHORT:
                check(tag, size, Short.BYTES);
                return buffer.getShort(at);
            case BYTE:
                check(tag, size, Byte.BYTES);
                return buffer.get(at);
            case CHAR:
                check(tag, size, Character.BYTES);
                return buffer.getChar(at);
            case SERIALIZED:
                return serialization.decode(buffer, at, size);
            default:
                throw new CodecException("cannot decode a message with tag " + tag + ": it was not written by the"
                        + " default codec (sent with another codec, or with sendBytes?)");
        }
    }

    private static void check(byte tag, int size, int expected) {
        if (size != expected) {
            throw new CodecException("corrupt message: tag " + tag + " needs " + expected + " bytes, the message has " + size);
        }
    }

    @Override
    public String toString() {
        return "default codec (fast paths; " + serialization + ")";
    }
}
