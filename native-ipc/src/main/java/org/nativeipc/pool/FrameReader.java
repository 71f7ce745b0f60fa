package org.nativeipc.pool;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads a pool message where it lies (in a ring's shared buffer, with absolute gets) or from a
 * byte array: the reading side of {@link FrameBuffer}. A malformed message fails with an
 * {@link IllegalStateException} naming what was expected.
 */
final class FrameReader {
    private ByteBuffer buffer;
    private int at;
    private int end;

    /** Reads {@code length} bytes of {@code source} from {@code offset}. */
    FrameReader reset(ByteBuffer source, int offset, int length) {
        this.buffer = source;
        this.at = offset;
        this.end = offset + length;
        return this;
    }

    boolean hasMore() {
        return at < end;
    }

    int position() {
        return at;
    }

    /** The buffer being read (for decoders that read a range of it in place). */
    ByteBuffer buffer() {
        return buffer;
    }

    /** Moves to {@code position} (the end of a frame whose body was not fully read). */
    void seek(int position) {
        if (position < at || position > end) {
            throw new PoolProtocolException("corrupt pool message: a frame ends at " + position + ", outside " + at + ".." + end);
        }
        at = position;
    }

    byte readByte() {
        need(1);
        return buffer.get(at++);
    }

    int readInt() {
        need(Integer.BYTES);
        int v = buffer.getInt(at);
        at += Integer.BYTES;
        return v;
    }

    long readLong() {
        need(Long.BYTES);
        long v = buffer.getLong(at);
        at += Long.BYTES;
        return v;
    }

    byte[] readBytes(int count) {
        need(count);
        byte[] b = new byte[count];
        buffer.get(at, b, 0, count);
        at += count;
        return b;
    }

    /** A string written by {@link FrameBuffer#writeString}. */
    String readString() {
        int n = readInt();
        if (n < 0) {
            return null;
        }
        need(n);
        String s;
        if (buffer.hasArray()) {
            s = new String(buffer.array(), buffer.arrayOffset() + at, n, StandardCharsets.UTF_8);
        } else {
            byte[] b = new byte[n];
            buffer.get(at, b, 0, n);
            s = new String(b, StandardCharsets.UTF_8);
        }
        at += n;
        return s;
    }

    private void need(int count) {
        if (count < 0 || at + count > end) {
            throw new PoolProtocolException("corrupt pool message: " + count + " more bytes needed at " + at + ", the message ends at " + end);
        }
    }
}
