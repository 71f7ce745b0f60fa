package org.nativeipc.codec;

import java.io.Serializable;
import java.nio.ByteBuffer;

/**
 * How a value becomes the bytes of one message and back: the counterpart of Python's pickling
 * in {@code multiprocessing.reduction}.
 *
 * <p>A codec travels with the queue or pipe that uses it (it is serialized into child
 * processes with the queue's handle), so it must be {@link Serializable} and stateless.
 *
 * <p><b>Encoding</b> happens before anything is written to shared memory: {@link #encode}
 * writes into a private {@link CodecOutput} whose limit is the largest message the ring takes;
 * a value that does not fit, or cannot be encoded at all, fails there with an
 * {@link IllegalArgumentException} and the queue is untouched.
 *
 * <p><b>Decoding</b> reads straight from the shared mapping, while the message is still held by
 * the reading side: {@link #decode} must copy what it keeps (the bytes are reused once it
 * returns). When it fails (a class outside an allow-list, corrupt bytes), the message has
 * already been taken off the queue: the failure is reported to that one reader as a
 * {@link CodecException} and the queue carries on with the next message.
 *
 * @param <E> the type of the values
 * @see Codecs
 */
public interface Codec<E> extends Serializable {

    /**
     * Writes {@code value} into {@code out}.
     *
     * @throws IllegalArgumentException if the value cannot be encoded by this codec, or is
     *     larger than {@code out} allows
     */
    void encode(E value, CodecOutput out);

    /**
     * Reads a value from {@code length} bytes at {@code offset} of {@code buffer} (absolute
     * positions; the buffer's position and limit mean nothing).
     *
     * @throws CodecException if the bytes cannot or may not become a value
     */
    E decode(ByteBuffer buffer, int offset, int length);
}
