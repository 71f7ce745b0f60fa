package org.nativeipc.codec;

import static org.nativeipc.codec.WireFormat.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads one message of the {@link WireFormat} from a range of a buffer, trusting nothing in it:
 * every read stays inside the range, every declared length or count must fit in the bytes that
 * follow (a message cannot make the reader allocate more than about its own size), nesting is
 * limited to {@link DefaultCodec#MAX_DEPTH}, and records and enums come only from the
 * {@link KnownTypes} of the codec reading (its allow-list, its own classes' shapes).
 */
final class ValueReader {
    private final ByteBuffer buffer;
    private final int start;
    private final int end;
    private final KnownTypes types;
    private int position;
    private int depth;
    private TypeSchema firstDefined;
    private TypeSchema[] defined;
    private int definedCount;

    /** What {@link #readAlone} returns for a message it leaves to a reader. */
    static final Object NOT_ALONE = new Object();

    /**
     * The value of a message that is one {@code Integer}, {@code Long}, {@code Double},
     * {@code Boolean} or {@code String} of fewer than 128 bytes in a heap buffer, read without
     * making a reader (the commonest elements of queues); {@link #NOT_ALONE} for any other
     * message, which a reader then reads (and reports, if it is corrupt). A message is read here
     * only if its length is exactly that of its value, as a reader would require.
     */
    static Object readAlone(ByteBuffer buffer, int offset, int length) {
        if (buffer.order() != ByteOrder.nativeOrder()) {
            return NOT_ALONE;
        }
        switch (buffer.get(offset)) {
            case INT:
                return length == 1 + Integer.BYTES ? (Object) buffer.getInt(offset + 1) : NOT_ALONE;
            case LONG:
                return length == 1 + Long.BYTES ? (Object) buffer.getLong(offset + 1) : NOT_ALONE;
            case DOUBLE:
                return length == 1 + Long.BYTES ? (Object) Double.longBitsToDouble(buffer.getLong(offset + 1)) : NOT_ALONE;
            case TRUE:
                return length == 1 ? Boolean.TRUE : NOT_ALONE;
            case FALSE:
                return length == 1 ? Boolean.FALSE : NOT_ALONE;
            case STRING: {
                int n = length >= 2 ? buffer.get(offset + 1) : -1; // a one-byte varint: 0 to 127
                return n >= 0 && length == 2 + n && buffer.hasArray()
                        ? new String(buffer.array(), buffer.arrayOffset() + offset + 2, n, StandardCharsets.UTF_8) : NOT_ALONE;
            }
            default:
                return NOT_ALONE;
        }
    }

    ValueReader(ByteBuffer buffer, int offset, int length, KnownTypes types) {
        this.buffer = buffer.order() == ByteOrder.nativeOrder() ? buffer : buffer.duplicate().order(ByteOrder.nativeOrder());
        this.start = offset;
        this.position = offset;
        this.end = offset + length;
        this.types = types;
    }

    /** Reads the one value of the message and checks that nothing follows it. */
    Object readMessage() {
        Object value = readValue();
        if (position != end) {
            throw corrupt("the end of the message (" + (end - position) + " more bytes after its value)");
        }
        return value;
    }

    /** Reads a tagged value. */
    Object readValue() {
        byte tag = rawByte();
        switch (tag) {
            case NULL: return null;
            case STRING: return string();
            case INT: return rawInt();
            case LONG: return rawLong();
            case DOUBLE: return rawDouble();
            case FLOAT: return rawFloat();
            case SHORT: return rawShort();
            case BYTE: return rawByte();
            case CHAR: return rawChar();
            case FALSE: return Boolean.FALSE;
            case TRUE: return Boolean.TRUE;
            case BYTES: return bytes();
            case RECORD: return body(definedType(RecordSchema.class));
            case ENUM: return body(definedType(EnumSchema.class));
            case LIST: {
                int n = count(1);
                return elements(new ArrayList<>(n), n);
            }
            case SET: {
                int n = count(1);
                return elements(new LinkedHashSet<>(capacityFor(n)), n);
            }
            case SORTED_SET: return elements(new TreeSet<>(), count(1));
            case MAP: {
                int n = count(2);
                return entries(new LinkedHashMap<>(capacityFor(n)), n);
            }
            case SORTED_MAP: return entries(new TreeMap<>(), count(2));
            case OPTIONAL: {
                enter();
                Object v = readValue();
                depth--;
                if (v == null) {
                    throw corrupt("an Optional holding null");
                }
                return Optional.of(v);
            }
            case OPTIONAL_EMPTY: return Optional.empty();
            case SERIALIZED: {
                int length = rawInt();
                int at = need(length);
                return types.serialization().decode(buffer, at, length);
            }
            default:
                if (tag >= INT_ARRAY && tag <= BOOLEAN_ARRAY) {
                    return PrimitiveArrays.read(tag, this);
                }
                if (JdkValues.isJdkTag(tag)) {
                    return JdkValues.read(tag, this);
                }
                throw corrupt("a value (unknown tag " + tag + "; was it written by another codec?)");
        }
    }

    private <T extends TypeSchema> T definedType(Class<T> kind) {
        int ref = varint();
        TypeSchema schema;
        if (ref == 0) {
            long fingerprint = rawLong();
            int length = varint();
            int at = need(length);
            schema = types.forDecoding(fingerprint, this, at, length);
            define(schema);
        } else if (ref <= definedCount) {
            schema = ref == 1 ? firstDefined : defined[ref - 2];
        } else {
            throw corrupt("a reference to type " + ref + " (only " + definedCount + " defined)");
        }
        if (!kind.isInstance(schema)) {
            throw corrupt("a " + kind.getSimpleName() + " (" + schema.type.getName() + " is not one)");
        }
        return kind.cast(schema);
    }

    /** Remembers a type defined in this message; most messages define one, kept without an array. */
    private void define(TypeSchema schema) {
        if (definedCount == 0) {
            firstDefined = schema;
        } else {
            if (defined == null) {
                defined = new TypeSchema[4];
            } else if (definedCount - 1 == defined.length) {
                defined = Arrays.copyOf(defined, defined.length * 2);
            }
            defined[definedCount - 1] = schema;
        }
        definedCount++;
    }

    private Object body(TypeSchema schema) {
        enter();
        Object v = schema.readBody(this);
        depth--;
        return v;
    }

    private <C extends Collection<Object>> C elements(C into, int n) {
        enter();
        try {
            for (int i = 0; i < n; i++) {
                into.add(readValue());
            }
        } catch (ClassCastException | NullPointerException e) {
            throw refused("a sorted set whose elements are not mutually comparable (" + e.getMessage() + ")");
        }
        depth--;
        return into;
    }

    private <M extends Map<Object, Object>> M entries(M into, int n) {
        enter();
        try {
            for (int i = 0; i < n; i++) {
                into.put(readValue(), readValue());
            }
        } catch (ClassCastException | NullPointerException e) {
            throw refused("a sorted map whose keys are not mutually comparable (" + e.getMessage() + ")");
        }
        depth--;
        return into;
    }

    private static int capacityFor(int n) {
        return (int) Math.min(Integer.MAX_VALUE, n * 4L / 3 + 1);
    }

    private void enter() {
        if (++depth > DefaultCodec.MAX_DEPTH) {
            throw refused("a value nested more than " + DefaultCodec.MAX_DEPTH + " levels deep");
        }
    }

    // ---- record components (called through the handles of RecordSchema) --------------------------

    /** A {@code String} component: NULL or STRING. */
    String stringOrNull() {
        byte tag = rawByte();
        if (tag == STRING) {
            return string();
        }
        if (tag != NULL) {
            throw corrupt("a String (tag " + tag + ")");
        }
        return null;
    }

    /** A component of a record or enum type named by the enclosing shape: NULL or NESTED. */
    Object nested(TypeSchema schema) {
        byte tag = rawByte();
        if (tag == NESTED) {
            return body(schema);
        }
        if (tag != NULL) {
            throw corrupt("a " + schema.type.getName() + " (tag " + tag + ")");
        }
        return null;
    }

    // ---- primitives --------------------------------------------------------------------------------

    /** Moves past {@code n} bytes and returns where they start; fails if the message has fewer. */
    int need(int n) {
        int at = position;
        if (n < 0 || n > end - at) {
            throw corrupt(n + " more bytes (" + (end - at) + " left)");
        }
        position = at + n;
        return at;
    }

    /**
     * A count of elements of at least {@code minBytes} each, checked against the bytes left, so
     * that a forged count cannot make this process allocate more than the message's size.
     */
    int count(int minBytes) {
        int n = varint();
        if ((long) n * minBytes > end - position) {
            throw refused("a count of " + n + " elements of at least " + minBytes + " bytes, with only "
                    + (end - position) + " bytes left in the message");
        }
        return n;
    }

    int varint() {
        int value = 0;
        for (int shift = 0; shift < VARINT_MAX_BYTES * 7; shift += 7) {
            int b = rawByte();
            value |= (b & 0x7F) << shift;
            if ((b & VARINT_CONTINUE) == 0) {
                if (value < 0) {
                    throw corrupt("a size (negative: " + value + ")");
                }
                return value;
            }
        }
        throw corrupt("a size (varint longer than " + VARINT_MAX_BYTES + " bytes)");
    }

    String string() {
        int n = varint();
        int at = need(n);
        if (buffer.hasArray()) {
            return new String(buffer.array(), buffer.arrayOffset() + at, n, StandardCharsets.UTF_8);
        }
        byte[] utf8 = new byte[n];
        buffer.get(at, utf8, 0, n);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    byte[] bytes() {
        int n = varint();
        int at = need(n);
        byte[] copy = new byte[n];
        buffer.get(at, copy, 0, n);
        return copy;
    }

    byte rawByte() {
        return buffer.get(need(Byte.BYTES));
    }

    boolean rawBoolean() {
        return rawByte() != 0;
    }

    short rawShort() {
        return buffer.getShort(need(Short.BYTES));
    }

    char rawChar() {
        return buffer.getChar(need(Character.BYTES));
    }

    int rawInt() {
        return buffer.getInt(need(Integer.BYTES));
    }

    long rawLong() {
        return buffer.getLong(need(Long.BYTES));
    }

    float rawFloat() {
        return Float.intBitsToFloat(rawInt());
    }

    double rawDouble() {
        return Double.longBitsToDouble(rawLong());
    }

    /** The UTF-8 text of {@code length} bytes at {@code at} (inside this message). */
    String text(int at, int length) {
        byte[] utf8 = new byte[length];
        buffer.get(at, utf8, 0, length);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    // ---- errors --------------------------------------------------------------------------------------

    /** The message is damaged: it ended early, or holds what no writer writes. */
    CodecException corrupt(String expected) {
        return new CodecException("cannot decode a message of " + (end - start) + " bytes: it is corrupt at byte "
                + (position - start) + ", where it should hold " + expected);
    }

    /** The message is well formed but may not be decoded here. */
    CodecException refused(String what) {
        return new CodecException("refused to decode a message: " + what);
    }
}
