package org.nativeipc.codec;

import java.nio.ByteBuffer;
import java.util.Objects;

/** Raw bytes: a message is the array's content, nothing added. The cheapest codec. */
public final class ByteArrayCodec implements Codec<byte[]> {
    private static final long serialVersionUID = 1L;
    static final ByteArrayCodec INSTANCE = new ByteArrayCodec();

    private ByteArrayCodec() {
    }

    @Override
    public void encode(byte[] value, CodecOutput out) {
        Objects.requireNonNull(value, "value: a raw-bytes message cannot be null (send an empty array instead)");
        out.writeBytes(value, 0, value.length);
    }

    @Override
    public byte[] decode(ByteBuffer buffer, int offset, int length) {
        byte[] copy = new byte[length];
        buffer.get(offset, copy, 0, length);
        return copy;
    }

    /** Every message is an array's bytes, with no header. */
    @Override
    public ArrayFraming<byte[]> arrayFraming() {
        return BytesFraming.RAW;
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
        return "bytes";
    }
}
