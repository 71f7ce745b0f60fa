package org.nativeipc.queue;

import java.io.Serializable;
import java.time.Duration;

/**
 * One end of a {@link Pipe}: Python's {@code multiprocessing.connection.Connection}.
 *
 * <p>{@link #send} and {@link #recv} carry objects through the pipe's codec (the
 * {@link org.nativeipc.codec.DefaultCodec}: records, enums, boxed primitives, strings, collections
 * and the other types it writes structurally; Java serialization for other serializable classes;
 * classes only from the allow-list, as for {@link SharedQueue}; {@code null} is allowed);
 * {@link #sendBytes} and {@link #recvBytes} carry raw bytes. Messages
 * arrive whole and in order, of any size up to 2 GiB (one larger than half the pipe's buffer
 * travels in a file of its own in the shared folder; see {@link SharedQueue}).
 *
 * <p>A connection captured by a child's task travels to the child, which then holds that end.
 * When the peer end is closed in every process that held it (or those processes died),
 * {@link #recv} on an empty pipe throws {@link EndOfStreamException} (Python's EOFError) and
 * {@link #send} throws it too (Python's BrokenPipeError). Python's habit of closing the unused
 * end in the parent is harmless here but not needed: a process holds an end only once it used
 * it or received it in a task.
 *
 * <p>One thread at a time sends and one receives on an end (others wait their turn); one
 * process at a time holds an end.
 */
public interface Connection extends AutoCloseable, Serializable {

    /**
     * Sends {@code o} (may be null), waiting for room in the pipe.
     *
     * @param o the object to send
     * @throws IllegalArgumentException if it cannot be encoded or is too large
     * @throws EndOfStreamException if the peer has closed its end
     * @throws IllegalStateException if this end is closed or only receives
     */
    void send(Object o);

    /**
     * Receives the next object, waiting for one; a message sent with {@link #sendBytes} arrives as a byte[].
     *
     * @return the next object (null if null was sent)
     * @throws EndOfStreamException if the pipe is empty and the peer has closed its end
     * @throws org.nativeipc.codec.CodecException if the message may not be decoded (it is dropped)
     */
    Object recv();

    /**
     * Sends {@code length} raw bytes of {@code b} from {@code offset} as one message.
     *
     * @param b the array that holds the message
     * @param length the message length in bytes
     * @param offset where the message starts in the array
     */
    void sendBytes(byte[] b, int offset, int length);

    /**
     * Receives the next message's bytes (as sent with {@link #sendBytes}, or the encoding of a sent object).
     *
     * @return the message's bytes
     */
    byte[] recvBytes();

    /**
     * Messages this end received in this process and dropped because they could not be decoded
     * (each one was reported by a {@link org.nativeipc.codec.CodecException} from {@link #recv}
     * and a WARNING log; the next {@code recv} gets the next message).
     *
     * @return the count, in this process
     */
    long undecodableMessages();

    /**
     * Waits at most {@code timeout} for something to receive.
     *
     * @param timeout how long to wait at most, in {@code unit}
     * @return true if {@link #recv} would not block: a message is there, or the peer has closed
     *    its end (recv then throws EndOfStreamException)
     */
    boolean poll(Duration timeout);

    /** Closes this end in this process. Harmless twice. */
    @Override
    void close();
}
