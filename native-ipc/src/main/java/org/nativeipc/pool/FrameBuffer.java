package org.nativeipc.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array that pool messages are assembled in (see {@link PoolProtocol}): frames
 * whose length is patched in when they end, and a {@link #rewind} to drop what was written
 * since a mark (a result that turned out too large for its message). Native byte order, as the
 * rings' readers expect. Not thread-safe.
 */
final class FrameBuffer {
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final int INITIAL_BYTES = 1024;

    private byte[] bytes = new byte[INITIAL_BYTES];
    private int length;

    int length() {
        return length;
    }

    byte[] array() {
        return bytes;
    }

    /** A copy of the bytes written. */
    byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    void clear() {
        length = 0;
    }

    /** Drops everything written after {@code mark} (an earlier {@link #length()}). */
    void rewind(int mark) {
        if (mark < 0 || mark > length) {
            throw new IndexOutOfBoundsException("cannot rewind " + length + " bytes to " + mark);
        }
        length = mark;
    }

    void writeByte(int value) {
        ensure(1);
        bytes[length++] = (byte) value;
    }

    void writeInt(int value) {
        ensure(Integer.BYTES);
        INTS.set(bytes, length, value);
        length += Integer.BYTES;
    }

    void writeLong(long value) {
        ensure(Long.BYTES);
        LONGS.set(bytes, length, value);
        length += Long.BYTES;
    }

    void writeBytes(byte[] source, int offset, int count) {
        ensure(count);
        System.arraycopy(source, offset, bytes, length, count);
        length += count;
    }

    /** A length-prefixed UTF-8 string; null is written as length −1. */
    void writeString(String s) {
        if (s == null) {
            writeInt(-1);
            return;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        writeInt(utf8.length);
        writeBytes(utf8, 0, utf8.length);
    }

    /** Overwrites the int at {@code at} (for counts known only at the end). */
    void putInt(int at, int value) {
        INTS.set(bytes, at, value);
    }

    void putByte(int at, int value) {
        bytes[at] = (byte) value;
    }

    /** Starts a frame of {@code kind}; returns its start, for {@link #endFrame}. */
    int beginFrame(byte kind) {
        int start = length;
        writeByte(kind);
        writeInt(0);
        return start;
    }

    /** Ends the frame begun at {@code start}: writes its body length. */
    void endFrame(int start) {
        putInt(start + 1, length - start - PoolProtocol.FRAME_HEADER_BYTES);
    }

    private void ensure(int count) {
        int end = length + count;
        if (end > bytes.length) {
            if (end < 0) {
                throw new IllegalArgumentException("a pool message cannot exceed " + Integer.MAX_VALUE + " bytes");
            }
            bytes = Arrays.copyOf(bytes, Math.max(end, (int) Math.min(Integer.MAX_VALUE - 8, 2L * bytes.length)));
        }
    }
}
