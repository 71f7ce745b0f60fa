package org.nativeipc.codec;

import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

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

    /** An empty output that accepts at most {@code limit} bytes. */
    public CodecOutput(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit " + limit + " is negative: give the largest message size in bytes");
        }
        this.limit = limit;
        this.bytes = new byte[Math.min(INITIAL_BYTES, Math.max(limit, 1))];
    }

    /** Empties the output and sets a new limit, for the next message. */
    public CodecOutput reset(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit " + limit + " is negative: give the largest message size in bytes");
        }
        this.length = 0;
        this.limit = limit;
        return this;
    }

    /** Bytes written so far. */
    public int length() {
        return length;
    }

    /** The most bytes this output accepts. */
    public int limit() {
        return limit;
    }

    /** The backing array; bytes {@code 0..length()-1} are the message. */
    public byte[] array() {
        return bytes;
    }

    /** Appends the low byte of {@code value}. */
    public void writeByte(int value) {
        int at = reserve(1);
        bytes[at] = (byte) value;
    }

    /** Appends the low two bytes of {@code value}, native byte order. */
    public void writeShort(int value) {
        SHORTS.set(bytes, reserve(Short.BYTES), (short) value);
    }

    /** Appends {@code value}, four bytes, native byte order. */
    public void writeInt(int value) {
        INTS.set(bytes, reserve(Integer.BYTES), value);
    }

    /** Appends {@code value}, eight bytes, native byte order. */
    public void writeLong(long value) {
        LONGS.set(bytes, reserve(Long.BYTES), value);
    }

    /** Appends {@code count} bytes of {@code source} from {@code offset}. */
    public void writeBytes(byte[] source, int offset, int count) {
        int at = reserve(count);
        System.arraycopy(source, offset, bytes, at, count);
    }

    /** This output as a stream (for Java serialization); closing it does nothing. */
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
