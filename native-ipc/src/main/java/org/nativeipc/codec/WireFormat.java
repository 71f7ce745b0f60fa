package org.nativeipc.codec;

/**
 * The bytes of the {@link DefaultCodec}: one value per message, each value a tag byte and a body.
 * Multi-byte numbers are in native byte order (writer and reader share the machine); sizes and
 * counts are varints (7 bits per byte, low bits first, high bit set on every byte but the last).
 *
 * <pre>
 * value          = tag body
 *   NULL, FALSE, TRUE                      (no body)
 *   INT int32 | LONG int64 | DOUBLE bits64 | FLOAT bits32 | SHORT int16 | BYTE int8 | CHAR uint16
 *   STRING varint(n) n*UTF-8               BYTES varint(n) n*byte
 *   RECORD typeRef components              ENUM typeRef varint(ordinal)
 *   LIST | SET | SORTED_SET varint(n) n*value
 *   MAP | SORTED_MAP varint(n) n*(value value)
 *   OPTIONAL value | OPTIONAL_EMPTY
 *   INT_ARRAY ... BOOLEAN_ARRAY varint(n) n*element     (raw, fixed width)
 *   UUID, BIG_INTEGER, BIG_DECIMAL, INSTANT ... ZONE_ID: see {@link JdkValues}
 *   SERIALIZED int32(n) n*byte              (Java serialization, behind the allow-list)
 *
 * typeRef        = varint(0) fingerprint64 varint(n) n*UTF-8 shape    first use in this message
 *                | varint(i + 1)                                       the i-th type defined before
 *
 * components     = each record component in declaration order:
 *   boolean byte short char int long float double     raw, fixed width
 *   a record or enum type (statically known)         NULL | NESTED body (record components, or varint ordinal)
 *   any other type                                   value (checked against the declared type when read)
 * </pre>
 *
 * A shape (see {@link TypeSchema#shape()}) is the text of a record's or enum's declaration and of
 * the records and enums its components name, e.g. {@code com.acme.Tick(long seq,double
 * price,String symbol)}; the fingerprint is a 64-bit hash of it. A reader that knows the
 * fingerprint skips the text; one that does not compares the text with its own class and names
 * the difference.
 */
final class WireFormat {
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
    static final byte RECORD = 12;
    static final byte ENUM = 13;
    static final byte NESTED = 14;
    static final byte LIST = 15;
    static final byte SET = 16;
    static final byte SORTED_SET = 17;
    static final byte MAP = 18;
    static final byte SORTED_MAP = 19;
    static final byte OPTIONAL = 20;
    static final byte OPTIONAL_EMPTY = 21;
    static final byte INT_ARRAY = 22;
    static final byte LONG_ARRAY = 23;
    static final byte DOUBLE_ARRAY = 24;
    static final byte FLOAT_ARRAY = 25;
    static final byte SHORT_ARRAY = 26;
    static final byte CHAR_ARRAY = 27;
    static final byte BOOLEAN_ARRAY = 28;
    /** First tag of the JDK value types of {@link JdkValues} (UUID, big numbers, java.time). */
    static final byte FIRST_JDK_VALUE = 40;
    static final byte SERIALIZED = 100;

    /** High bit of a varint byte: more bytes follow. */
    static final int VARINT_CONTINUE = 0x80;
    /** Most bytes of a varint of an int. */
    static final int VARINT_MAX_BYTES = 5;

    private WireFormat() {
    }
}
