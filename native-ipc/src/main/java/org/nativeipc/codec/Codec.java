package org.nativeipc.codec;

import java.io.Serializable;
import java.nio.ByteBuffer;

/**
 * How a value becomes the bytes of one message and back: the counterpart of Python's pickling
 * in {@code multiprocessing.reduction}.
 *
 * <p>A codec travels with the queue or pipe that uses it (it is serialized into child
 * processes with the queue's handle), so it must be {@link Serializable}, thread-safe, and hold
 * nothing but its configuration (caches rebuilt after deserialization).
 *
 * <p><b>Encoding</b> happens before anything is written to shared memory: {@link #encode}
 * appends to a caller's reusable {@link CodecOutput} whose limit is the largest message the
 * destination takes; a value that does not fit, may not be sent (its class is outside the
 * codec's allow-list) or cannot be encoded at all fails there with an
 * {@link IllegalArgumentException}, and the destination is untouched.
 *
 * <p><b>Decoding</b> reads {@code length} bytes at {@code offset} of a buffer in native byte
 * order, with absolute gets; the bytes are valid only during the call, so {@link #decode}
 * copies what it keeps. Queues and pipes hand it a private copy of the message, taken after the
 * ring let go of it: a slow or failing decode never holds a ring slot. When decoding fails (a
 * class outside an allow-list, a record of another shape, corrupt or hostile bytes) the codec
 * throws a {@link CodecException}; the queue then drops that one message, counts and logs it,
 * and carries on with the next.
 *
 * @param <E> the type of the values
 * @see Codecs
 */
public interface Codec<E> extends Serializable {

    /**
     * Appends the encoding of {@code value} to {@code out}.
     *
     * @param value the value to encode
     * @param out where the bytes go
     * @throws IllegalArgumentException if the value cannot or may not be encoded by this codec,
     *     or is larger than {@code out} allows
     */
    void encode(E value, CodecOutput out);

    /**
     * Reads a value from {@code length} bytes at {@code offset} of {@code buffer} (absolute
     * positions; the buffer's position and limit mean nothing).
     *
     * @param buffer holds the message, in native byte order
     * @param offset where the message starts
     * @param length its length in bytes
     * @return the value
     * @throws CodecException if the bytes cannot or may not become a value
     */
    E decode(ByteBuffer buffer, int offset, int length);

    /**
     * How this codec frames a value that is one byte array, so that queues and pipes can move a
     * large one between the caller's array and a file without a buffer in between.
     *
     * @return the framing, or null (the default): every value is encoded and decoded as usual
     */
    default ArrayFraming<E> arrayFraming() {
        return null;
    }
}
