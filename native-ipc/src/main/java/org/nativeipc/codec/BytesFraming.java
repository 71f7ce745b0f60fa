package org.nativeipc.codec;

/**
 * The {@link ArrayFraming} of the two codecs whose encoding of a {@code byte[]} is a header and
 * the array's bytes: the {@link DefaultCodec} ({@link WireFormat#BYTES} tag and a varint length)
 * and the {@link ByteArrayCodec} (no header).
 *
 * @param <E> the codec's values
 */
final class BytesFraming<E> implements ArrayFraming<E> {
    /** The default codec's: tag, varint length, bytes. */
    static final BytesFraming<Object> TAGGED = new BytesFraming<>(true);
    /** The raw-bytes codec's: the bytes alone. */
    static final BytesFraming<byte[]> RAW = new BytesFraming<>(false);

    private final boolean tagged;

    private BytesFraming(boolean tagged) {
        this.tagged = tagged;
    }

    @Override
    public byte[] arrayOf(E value) {
        return value instanceof byte[] ? (byte[]) value : null;
    }

    @Override
    public void writeHeader(int arrayLength, CodecOutput out) {
        if (tagged) {
            out.writeByte(WireFormat.BYTES);
            out.writeVarint(arrayLength);
        }
    }

    @Override
    public int headerLength(byte[] head, int headLength, long messageLength) {
        if (!tagged) {
            return 0;
        }
        if (headLength < 2 || head[0] != WireFormat.BYTES) {
            return -1;
        }
        long length = 0;
        for (int at = 1, shift = 0; at < headLength && at <= WireFormat.VARINT_MAX_BYTES; at++, shift += 7) {
            length |= (long) (head[at] & 0x7F) << shift;
            if ((head[at] & WireFormat.VARINT_CONTINUE) == 0) {
                return at + 1 + length == messageLength ? at + 1 : -1;
            }
        }
        return -1;
    }

    @SuppressWarnings("unchecked")
    @Override
    public E valueOf(byte[] array) {
        return (E) array;
    }
}
