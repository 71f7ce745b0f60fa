package org.nativeipc.codec;

import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * A growable, reusable byte buffer a {@link Codec} encodes one message into, with a limit: the
 * largest message the destination ring accepts. Exceeding the limit fails at once, with an
 * {@link IllegalArgumentException} that names both sizes, so an oversized value is refused
 * before a single byte reaches shared memory (and before it is encoded in full).
 *
 * <p>Multi-byte values are written in native byte order, the order of the shared buffers that
 * decoders read them from. Not thread-safe: each writing thread uses its own.
 */
public final class CodecOutput {
    private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.nativeOrder());
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final int INITIAL_BYTES = 256;

    private byte[] bytes;
    private int length;
    private int limit;
    private OutputStream stream;
    /** Record and enum types already defined in this message, for back-references (see {@link WireFormat}). */
    private TypeSchema[] definedTypes;
    private int definedCount;
    /** Nesting of records and collections being encoded now (the default codec refuses more than its limit). */
    int depth;
    /** The record and enum types the encoding codec accepts (set by {@link DefaultCodec#encode}). */
    KnownTypes types;

    /**
     * An empty output that accepts at most {@code limit} bytes.
     *
     * @param limit the largest message, in bytes
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    public CodecOutput(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit " + limit + " is negative: give the largest message size in bytes");
        }
        this.limit = limit;
        this.bytes = new byte[Math.min(INITIAL_BYTES, Math.max(limit, 1))];
    }

    /**
     * Empties the output and sets a new limit, for the next message.
     *
     * @param limit the largest message, in bytes
     * @return this output
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    public CodecOutput reset(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit " + limit + " is negative: give the largest message size in bytes");
        }
        this.length = 0;
        this.limit = limit;
        this.definedCount = 0;
        this.depth = 0;
        return this;
    }

    /**
     * Bytes written so far.
     *
     * @return the length of the message so far
     */
    public int length() {
        return length;
    }

    /**
     * The most bytes this output accepts.
     *
     * @return the limit
     */
    public int limit() {
        return limit;
    }

    /**
     * The backing array (replaced when the output grows).
     *
     * @return the array whose bytes {@code 0..length()-1} are the message
     */
    public byte[] array() {
        return bytes;
    }

    /**
     * Appends the low byte of {@code value}.
     *
     * @param value the byte, in the low 8 bits
     * @throws IllegalArgumentException if the limit would be exceeded
     */
    public void writeByte(int value) {
        int at = reserve(1);
        bytes[at] = (byte) value;
    }

    /**
     * Appends the low two bytes of {@code value}, native byte order.
     *
     * @param value the value, in the low 16 bits
     * @throws IllegalArgumentException if the limit would be exceeded
     */
    public void writeShort(int value) {
        int at = reserve(Short.BYTES);
        SHORTS.set(bytes, at, (short) value);
    }

    /**
     * Appends {@code value}, four bytes, native byte order.
     *
     * @param value the value
     * @throws IllegalArgumentException if the limit would be exceeded
     */
    public void writeInt(int value) {
        int at = reserve(Integer.BYTES);
        INTS.set(bytes, at, value);
    }

    /**
     * Appends {@code value}, eight bytes, native byte order.
     *
     * @param value the value
     * @throws IllegalArgumentException if the limit would be exceeded
     */
    public void writeLong(long value) {
        int at = reserve(Long.BYTES);
        LONGS.set(bytes, at, value);
    }

    /**
     * Appends {@code count} bytes of {@code source} from {@code offset}.
     *
     * @param source the bytes
     * @param offset where they start in {@code source}
     * @param count how many
     * @throws IllegalArgumentException if the limit would be exceeded
     */
    public void writeBytes(byte[] source, int offset, int count) {
        int at = reserve(count);
        System.arraycopy(source, offset, bytes, at, count);
    }

    /**
     * Appends {@code value} in 1 to 5 bytes, 7 bits per byte, low bits first, the high bit set
     * on every byte but the last.
     *
     * @param value a size or count, 0 or more
     * @throws IllegalArgumentException if {@code value} is negative or the limit would be exceeded
     */
    public void writeVarint(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("varint " + value + " is negative: sizes and counts are 0 or more");
        }
        if (value < WireFormat.VARINT_CONTINUE) {
            writeByte(value);
            return;
        }
        while (value >= WireFormat.VARINT_CONTINUE) {
            writeByte(value | WireFormat.VARINT_CONTINUE);
            value >>>= 7;
        }
        writeByte(value);
    }

    /** Overwrites four bytes at {@code at} (already written) with {@code value}, native byte order. */
    void patchInt(int at, int value) {
        Objects.checkFromIndexSize(at, Integer.BYTES, length);
        INTS.set(bytes, at, value);
    }

    /** Starts a value of the default codec: no types defined yet, not nested. */
    void beginValue(KnownTypes accepting) {
        this.types = accepting;
        this.definedCount = 0;
        this.depth = 0;
    }

    /** Index of {@code type} among the types defined earlier in this message, or -1 (and it is defined from now on). */
    int defineType(TypeSchema type) {
        for (int i = 0; i < definedCount; i++) {
            if (definedTypes[i] == type) {
                return i;
            }
        }
        if (definedTypes == null) {
            definedTypes = new TypeSchema[4];
        } else if (definedCount == definedTypes.length) {
            definedTypes = Arrays.copyOf(definedTypes, definedCount * 2);
        }
        definedTypes[definedCount++] = type;
        return -1;
    }

    /**
     * This output as a stream (for Java serialization); closing it does nothing.
     *
     * @return a stream that appends to this output
     */
    public OutputStream asOutputStream() {
        OutputStream s = stream;
        if (s == null) {
            s = new OutputStream() {
                @Override
                public void write(int b) {
                    writeByte(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    writeBytes(b, off, len);
                }
            };
            stream = s;
        }
        return s;
    }

    /** Drops the bytes from {@code newLength} on (to rewrite them another way). */
    void truncate(int newLength) {
        if (newLength < 0 || newLength > length) {
            throw new IndexOutOfBoundsException("cannot truncate " + length + " bytes to " + newLength);
        }
        length = newLength;
    }

    /** Reserves {@code count} bytes and returns where they start. */
    int reserve(int count) {
        int at = length;
        int end = at + count;
        if (end > limit || end < 0) {
            throw new IllegalArgumentException("message too large: it needs more than " + limit
                    + " bytes (the most one message may take here; " + at + " bytes written when " + count
                    + " more were asked for): raise maxMessageBytes when building the queue or pipe, or send smaller values");
        }
        if (end > bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.min(limit, Math.max(end, 2L * bytes.length)));
        }
        length = end;
        return at;
    }

    @Override
    public String toString() {
        return "CodecOutput(" + length + " of at most " + limit + " bytes)";
    }
}
