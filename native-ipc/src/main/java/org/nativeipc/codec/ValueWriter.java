package org.nativeipc.codec;

import static org.nativeipc.codec.WireFormat.*;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * Writes values in the {@link WireFormat} into a {@link CodecOutput} whose {@link KnownTypes}
 * (the allow-list of the codec encoding) is set: a record or enum the consumers would refuse is
 * refused here, before the message is written.
 */
final class ValueWriter {
    /** Strings up to this many chars are tried as ASCII, copied with no temporary array. */
    static final int INLINE_ASCII_CHARS = 16;
    private static final char ASCII_LIMIT = 0x80;
    private ValueWriter() {
    }

    /** Writes a tagged value: null, or any type of {@link ValueKind}. */
    static void write(CodecOutput out, Object v) {
        if (v == null) {
            out.writeByte(NULL);
            return;
        }
        Class<?> c = v.getClass();
        if (c == String.class) {
            writeString(out, (String) v);
            return;
        }
        if (c == Integer.class) { // the commonest elements, written without looking up their kind
            tagged(out, INT).writeInt((Integer) v);
            return;
        }
        if (c == Long.class) {
            tagged(out, LONG).writeLong((Long) v);
            return;
        }
        switch (ValueKind.of(c)) {
            case INT -> tagged(out, INT).writeInt((Integer) v);
            case LONG -> tagged(out, LONG).writeLong((Long) v);
            case DOUBLE -> tagged(out, DOUBLE).writeLong(Double.doubleToRawLongBits((Double) v));
            case FLOAT -> tagged(out, FLOAT).writeInt(Float.floatToRawIntBits((Float) v));
            case SHORT -> tagged(out, SHORT).writeShort((Short) v);
            case BYTE -> tagged(out, BYTE).writeByte((Byte) v);
            case CHAR -> tagged(out, CHAR).writeShort((Character) v);
            case BOOLEAN -> out.writeByte((Boolean) v ? TRUE : FALSE);
            case BYTES -> {
                byte[] bytes = (byte[]) v;
                tagged(out, BYTES).writeVarint(bytes.length);
                out.writeBytes(bytes, 0, bytes.length);
            }
            case RECORD -> writeDefined(out, RECORD, out.types.forEncoding(c), v);
            case ENUM -> writeDefined(out, ENUM, out.types.forEncoding(((Enum<?>) v).getDeclaringClass()), v);
            case LIST -> writeElements(out, LIST, (Collection<?>) v);
            case SET -> writeElements(out, SET, (Collection<?>) v);
            case SORTED_SET -> {
                if (((SortedSet<?>) v).comparator() == null) {
                    writeElements(out, SORTED_SET, (Collection<?>) v);
                } else {
                    out.types.serialization().writeNested(v, out);
                }
            }
            case MAP -> writeEntries(out, MAP, (Map<?, ?>) v);
            case SORTED_MAP -> {
                if (((SortedMap<?, ?>) v).comparator() == null) {
                    writeEntries(out, SORTED_MAP, (Map<?, ?>) v);
                } else {
                    out.types.serialization().writeNested(v, out);
                }
            }
            case OPTIONAL -> {
                Optional<?> o = (Optional<?>) v;
                if (o.isEmpty()) {
                    out.writeByte(OPTIONAL_EMPTY);
                } else {
                    out.writeByte(OPTIONAL);
                    enter(out, v);
                    write(out, o.get());
                    out.depth--;
                }
            }
            case JDK_VALUE -> JdkValues.write(JdkValues.tagOf(c), v, out);
            case SERIALIZABLE -> out.types.serialization().writeNested(v, out);
            case UNSUPPORTED -> throw new IllegalArgumentException("cannot send a " + c.getName() + ": it is not Serializable, and not"
                    + " one of the types the default codec writes itself (records, enums, boxed primitives, String, arrays of"
                    + " primitives, UUID, big numbers, java.time values, Optional, List/Set/Map of these): make it a record,"
                    + " or Serializable");
            default -> PrimitiveArrays.write(ValueKind.of(c), v, out);
        }
    }

    private static CodecOutput tagged(CodecOutput out, byte tag) {
        out.writeByte(tag);
        return out;
    }

    private static void writeDefined(CodecOutput out, byte tag, TypeSchema schema, Object v) {
        out.writeByte(tag);
        int defined = out.defineType(schema);
        if (defined >= 0) {
            out.writeVarint(defined + 1);
        } else {
            out.writeVarint(0);
            out.writeLong(schema.fingerprint());
            byte[] shape = schema.shapeBytes();
            out.writeVarint(shape.length);
            out.writeBytes(shape, 0, shape.length);
        }
        enter(out, v);
        schema.writeBody(v, out);
        out.depth--;
    }

    private static void writeElements(CodecOutput out, byte tag, Collection<?> elements) {
        int size = elements.size();
        tagged(out, tag).writeVarint(size);
        enter(out, elements);
        int written = 0;
        for (Object e : elements) {
            write(out, e);
            written++;
        }
        out.depth--;
        checkSize(elements, size, written);
    }

    private static void writeEntries(CodecOutput out, byte tag, Map<?, ?> map) {
        int size = map.size();
        tagged(out, tag).writeVarint(size);
        enter(out, map);
        int written = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            write(out, e.getKey());
            write(out, e.getValue());
            written++;
        }
        out.depth--;
        checkSize(map, size, written);
    }

    private static void checkSize(Object container, int size, int written) {
        if (size != written) {
            throw new IllegalArgumentException("a " + container.getClass().getName() + " changed while it was being encoded (size "
                    + size + ", then " + written + " elements): do not change a value while another thread sends it");
        }
    }

    private static void enter(CodecOutput out, Object container) {
        if (++out.depth > DefaultCodec.MAX_DEPTH) {
            throw new IllegalArgumentException("cannot send a value nested more than " + DefaultCodec.MAX_DEPTH
                    + " levels deep (at a " + container.getClass().getName() + "; does it contain itself?)");
        }
    }

    // ---- record components (called through the handles of RecordSchema) --------------------------

    /** A {@code String} component or value: NULL, or STRING and its body. */
    static void writeString(CodecOutput out, String s) {
        if (s == null) {
            out.writeByte(NULL);
        } else {
            out.writeByte(STRING);
            writeStringBody(s, out);
        }
    }

    /**
     * A string's length in UTF-8 bytes and those bytes. An ASCII string of up to
     * {@link #INLINE_ASCII_CHARS} is copied char by char with no temporary array; others go
     * through {@link String#getBytes}.
     */
    static void writeStringBody(String s, CodecOutput out) {
        int n = s.length();
        if (n <= INLINE_ASCII_CHARS) {
            int start = out.length();
            out.writeVarint(n);
            int at = out.reserve(n);
            byte[] bytes = out.array();
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= ASCII_LIMIT) {
                    out.truncate(start);
                    writeUtf8(s, out);
                    return;
                }
                bytes[at + i] = (byte) c;
            }
            return;
        }
        writeUtf8(s, out);
    }

    private static void writeUtf8(String s, CodecOutput out) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeVarint(utf8.length);
        out.writeBytes(utf8, 0, utf8.length);
    }

    /** A component of a record or enum type named by the enclosing record's shape: NULL, or NESTED and its body. */
    static void writeNested(TypeSchema schema, CodecOutput out, Object v) {
        if (v == null) {
            out.writeByte(NULL);
            return;
        }
        out.writeByte(NESTED);
        enter(out, v);
        schema.writeBody(v, out);
        out.depth--;
    }

    static void writeRaw(CodecOutput out, boolean v) {
        out.writeByte(v ? 1 : 0);
    }

    static void writeRaw(CodecOutput out, byte v) {
        out.writeByte(v);
    }

    static void writeRaw(CodecOutput out, short v) {
        out.writeShort(v);
    }

    static void writeRaw(CodecOutput out, char v) {
        out.writeShort(v);
    }

    static void writeRaw(CodecOutput out, int v) {
        out.writeInt(v);
    }

    static void writeRaw(CodecOutput out, long v) {
        out.writeLong(v);
    }

    static void writeRaw(CodecOutput out, float v) {
        out.writeInt(Float.floatToRawIntBits(v));
    }

    static void writeRaw(CodecOutput out, double v) {
        out.writeLong(Double.doubleToRawLongBits(v));
    }
}
