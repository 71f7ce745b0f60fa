package org.nativeipc.codec;

/**
 * How a codec frames a value that is one byte array: a short header, then the array's bytes as
 * they are. Queues and pipes use it for elements too large for their ring, which travel through a
 * file of their own: the producer writes the header and then the caller's array straight into the
 * file, and the consumer reads the array's bytes straight from the file into the array it returns,
 * with no buffer in between on either side (for a 16 MiB {@code byte[]}, two passes over its bytes
 * fewer per side). A codec offers it through {@link Codec#arrayFraming()}; a codec without one
 * encodes and decodes every value as usual.
 *
 * <p>The bytes must be exactly those the codec's own {@link Codec#encode encode} writes for the
 * array, so that a message framed here can still be decoded by {@link Codec#decode decode} (for
 * example when it is peeked at) and the other way round.
 *
 * @param <E> the type of the codec's values
 */
public interface ArrayFraming<E> {
    /** The most bytes a header takes. */
    int MAX_HEADER_BYTES = 8;

    /**
     * The array {@code value} is sent as.
     *
     * @param value a value of the codec
     * @return the array whose bytes, after a header, are the encoding of {@code value}; null if
     *     this codec does not encode {@code value} that way (it is then encoded as usual)
     */
    byte[] arrayOf(E value);

    /**
     * Appends the header that goes before the bytes of an array of {@code arrayLength} bytes.
     *
     * @param arrayLength the array's length
     * @param out where the header goes (at most {@link #MAX_HEADER_BYTES})
     */
    void writeHeader(int arrayLength, CodecOutput out);

    /**
     * Whether a message is one framed array, from its first bytes.
     *
     * @param head the message's first {@code headLength} bytes
     * @param headLength {@code min(messageLength, MAX_HEADER_BYTES)}
     * @param messageLength the message's whole length
     * @return the length of the header, if the message is a header and then an array's bytes up
     *     to its end; -1 if it is not (it is decoded as usual)
     */
    int headerLength(byte[] head, int headLength, long messageLength);

    /**
     * The value a received array stands for.
     *
     * @param array the array's bytes, read from the message (the caller's to keep)
     * @return the value
     */
    E valueOf(byte[] array);
}
