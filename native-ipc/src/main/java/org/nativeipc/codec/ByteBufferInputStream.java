package org.nativeipc.codec;

import java.io.InputStream;
import java.nio.ByteBuffer;

/** Reads a range of a (shared) buffer with absolute gets; never moves the buffer's position. */
final class ByteBufferInputStream extends InputStream {
    private final ByteBuffer buffer;
    private int position;
    private final int end;

    ByteBufferInputStream(ByteBuffer buffer, int offset, int length) {
        this.buffer = buffer;
        this.position = offset;
        this.end = offset + length;
    }

    @Override
    public int read() {
        return position < end ? buffer.get(position++) & 0xFF : -1;
    }

    @Override
    public int read(byte[] target, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        int n = Math.min(length, end - position);
        if (n <= 0) {
            return -1;
        }
        buffer.get(position, target, offset, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return end - position;
    }

    @Override
    public long skip(long n) {
        int skipped = (int) Math.max(0, Math.min(n, end - position));
        position += skipped;
        return skipped;
    }
}
