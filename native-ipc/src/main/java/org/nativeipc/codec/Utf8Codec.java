package org.nativeipc.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Strings as UTF-8 bytes, nothing added. */
public final class Utf8Codec implements Codec<String> {
    private static final long serialVersionUID = 1L;
    static final Utf8Codec INSTANCE = new Utf8Codec();
    /** Strings up to this many chars are encoded char by char (no temporary array). */
    static final int INLINE_STRING_CHARS = 64;

    private Utf8Codec() {
    }

    @Override
    public void encode(String value, CodecOutput out) {
        Objects.requireNonNull(value, "value: a string message cannot be null");
        writeUtf8(value, out);
    }

    @Override
    public String decode(ByteBuffer buffer, int offset, int length) {
        return readUtf8(buffer, offset, length);
    }

    /** Writes {@code value} as UTF-8; short ASCII strings go byte by byte with no allocation. */
    static void writeUtf8(String value, CodecOutput out) {
        int n = value.length();
        if (n <= INLINE_STRING_CHARS) {
            int start = out.length();
            int at = out.reserve(n);
            byte[] bytes = out.array();
            for (int i = 0; i < n; i++) {
                char c = value.charAt(i);
                if (c >= 0x80) {
                    out.truncate(start);
                    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
                    out.writeBytes(utf8, 0, utf8.length);
                    return;
                }
                bytes[at + i] = (byte) c;
            }
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(utf8, 0, utf8.length);
    }

    static String readUtf8(ByteBuffer buffer, int offset, int length) {
        byte[] utf8 = new byte[length];
        buffer.get(offset, utf8, 0, length);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /**
     * Keeps one instance per JVM.
     *
     * @return the shared instance
     */
    private Object readResolve() {
        return INSTANCE;
    }

    @Override
    public String toString() {
        return "utf8";
    }
}
