package org.nativeipc.codec;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The codec queues and pipes use unless told otherwise: a structural encoding of the values
 * applications send, with Java serialization, behind a {@link SerializationAllowList}, only for
 * other {@code Serializable} classes.
 *
 * <p><b>What it writes structurally</b> (no Java serialization, no reflection per message):
 * {@code null}, boxed primitives, {@code String}, {@code byte[]} and the other arrays of
 * primitives, records (nested too), enums, {@code UUID}, {@code BigInteger}, {@code BigDecimal},
 * the {@code java.time} values, {@code Optional}, and {@code List}, {@code Set} and {@code Map}
 * of these (read back as {@code ArrayList}, {@code LinkedHashSet}, {@code LinkedHashMap}, or
 * {@code TreeSet}/{@code TreeMap} for sorted ones with natural ordering; see the
 * {@link WireFormat wire format}). An {@code Integer} is 5 bytes; a record is its components
 * plus, per record type in the message, a 9-byte reference and its shape text.
 *
 * <p><b>What decoding runs.</b> A record is rebuilt only through its canonical constructor, an
 * enum constant is looked up, and the JDK's value types through their factories; sets and maps
 * call their elements' {@code hashCode}/{@code equals} (or {@code compareTo}). No other code of
 * any class runs, except the {@code readObject} methods of allowed {@code Serializable}
 * classes on the Java-serialization path. Record and enum classes, like serializable ones, must
 * be on the allow-list — checked when a value is written (so a value consumers would refuse is
 * never sent) and when it is read.
 *
 * <p><b>Versions.</b> Every message carries, per record or enum type, a 64-bit fingerprint of
 * the type's shape (its components' names and types, its constants, and those of the records
 * and enums it names) and the shape's text. A reader whose own class has another shape refuses
 * the message with a {@link CodecException} naming the class and the difference (component
 * added, removed, retyped or reordered) — never a value built from misread bytes.
 *
 * <p><b>Limits.</b> Reading trusts nothing in the message: each declared length or count must
 * fit in the bytes that follow, values nest at most {@link #MAX_DEPTH} levels, and the
 * Java-serialization path has the limits of {@link SerializationAllowList#filter(long)}.
 */
public final class DefaultCodec implements Codec<Object> {
    private static final long serialVersionUID = 1L;
    /**
     * Deepest nesting of records, collections and optionals, written or read: 64. (Without
     * shared references the work of decoding grows with the message's size, not with 2 to the
     * depth; the limit keeps the decoder's stack bounded.)
     */
    public static final int MAX_DEPTH = 64;

    /** The classes that may be decoded, besides the JDK value types this codec writes itself. */
    private final SerializationAllowList allowList;
    private final transient KnownTypes types;

    /**
     * A default codec that writes and reads record, enum and serializable classes only if
     * {@code allowList} allows them.
     *
     * @param allowList the classes messages may name
     */
    public DefaultCodec(SerializationAllowList allowList) {
        this.allowList = Objects.requireNonNull(allowList, "allowList: give SerializationAllowList.defaults() or your own");
        this.types = new KnownTypes(allowList);
    }

    /**
     * What record, enum and serializable classes this codec may write and read.
     *
     * @return the allow-list
     */
    public SerializationAllowList allowList() {
        return allowList;
    }

    @Override
    public void encode(Object value, CodecOutput out) {
        out.beginValue(types);
        ValueWriter.write(out, value);
    }

    /** A {@code byte[]}: the {@link WireFormat#BYTES} tag, a varint length, the bytes. */
    @Override
    public ArrayFraming<Object> arrayFraming() {
        return BytesFraming.TAGGED;
    }

    @Override
    public Object decode(ByteBuffer buffer, int offset, int length) {
        if (length < 1) {
            throw new CodecException("cannot decode an empty message: the default codec writes at least a tag byte"
                    + " (was it sent with another codec, or with sendBytes?)");
        }
        Object alone = ValueReader.readAlone(buffer, offset, length);
        return alone != ValueReader.NOT_ALONE ? alone : new ValueReader(buffer, offset, length, types).readMessage();
    }

    /**
     * After deserialization (a codec travelling with a queue's handle): a codec with its own caches.
     *
     * @return the codec to use in this process
     */
    private Object readResolve() {
        return new DefaultCodec(allowList);
    }

    @Override
    public String toString() {
        return "default codec (" + allowList + ")";
    }
}
