package org.nativeipc.codec;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the {@link DefaultCodec} knows about one record or enum class, derived once per class by
 * {@link Schemas}: its declaration as text, its shape (that declaration and those of the records
 * and enums its components name) with the shape's 64-bit fingerprint, and the method handles
 * that write and read it.
 */
abstract sealed class TypeSchema permits RecordSchema, EnumSchema {
    final Class<?> type;
    /** This type's own declaration, e.g. {@code com.acme.Tick(long seq,double price,String symbol)}. */
    final String declaration;
    /** The classes of this shape: this one first, then the records and enums its components name. */
    private List<Class<?>> shapeTypes;
    private String shape;
    private byte[] shapeBytes;
    private long fingerprint;

    TypeSchema(Class<?> type, String declaration) {
        this.type = type;
        this.declaration = declaration;
    }

    /** Called once by {@link Schemas} when every type of the shape has its declaration. */
    final void completeShape(List<Class<?>> types, String text) {
        this.shapeTypes = List.copyOf(types);
        this.shape = text;
        this.shapeBytes = text.getBytes(StandardCharsets.UTF_8);
        this.fingerprint = fingerprintOf(shapeBytes, 0, shapeBytes.length);
    }

    /** The declarations of this type and of the records and enums it names, separated by ';'. */
    final String shape() {
        return shape;
    }

    /** {@link #shape()} as UTF-8, as written into messages. */
    final byte[] shapeBytes() {
        return shapeBytes;
    }

    /** A 64-bit hash of {@link #shape()}: equal fingerprints mean the same shape. */
    final long fingerprint() {
        return fingerprint;
    }

    /** Every class a value of this type may contain without naming it again: this one, then those of its components. */
    final List<Class<?>> shapeTypes() {
        return shapeTypes;
    }

    /** Writes the body of {@code value} (an instance of {@link #type}), after its tag or reference. */
    abstract void writeBody(Object value, CodecOutput out);

    /** Reads a body written by {@link #writeBody}. */
    abstract Object readBody(ValueReader in);

    /**
     * FNV-1a over the bytes, then a final avalanche (MurmurHash3's fmix64) so that shapes that
     * differ in one character differ in about half of the bits.
     */
    static long fingerprintOf(byte[] bytes, int offset, int length) {
        long h = 0xcbf29ce484222325L;
        for (int i = offset; i < offset + length; i++) {
            h ^= bytes[i] & 0xFF;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    @Override
    public String toString() {
        return shape;
    }
}
