package org.nativeipc.queue;

import java.util.concurrent.TimeUnit;

/**
 * A bounded ring of byte messages in shared memory, usable from any process that has it: the
 * raw layer under {@link SharedQueue} and {@link Pipe}, for code that wants bytes without a
 * codec. {@link SpscRing} takes one producer and one consumer process; {@link MpmcRing} any
 * number of each.
 *
 * <p>Writing is non-blocking ({@code offer}), timed, or blocking ({@code put}); so is reading.
 * Waiting spins briefly, then gives the CPU away ({@link Thread#yield()}) for up to 50 µs, then
 * sleeps on a futex word; the other side wakes sleepers only when there are any, so neither the
 * fast path nor a short wait makes the other side pay a system call. Timed waits honour their timeout and
 * {@link Thread#interrupt()}.
 *
 * <p>A message larger than {@link #maxMessageBytes()} is refused with an
 * {@link IllegalArgumentException} before anything is written.
 *
 * <p><b>Memory ordering.</b> Writing a message happens-before reading it, in any process: the
 * writer publishes it with a release store, the reader reads it after an acquire load.
 *
 * <p><b>Crash safety.</b> A process killed at any instruction never wedges the ring: its
 * claimed-but-unpublished slot or its half-read message is found (by its owner's liveness token,
 * within milliseconds of the death) and skipped or released; only the message in that
 * process's hands is lost, none other is lost or delivered twice.
 */
public interface MessageRing extends AutoCloseable {

    /**
     * Most messages the ring holds.
     *
     * @return most messages the ring holds
     */
    int capacity();

    /**
     * Largest message in bytes.
     *
     * @return largest message in bytes
     */
    int maxMessageBytes();

    /**
     * Writes a message if there is room now.
     *
     * @param length the message length in bytes
     * @param message the array that holds the message
     * @param offset where the message starts in the array
     * @return false if the ring is full
     * @throws IllegalArgumentException if the message is larger than {@link #maxMessageBytes()}
     *    or the range is outside the array
     */
    boolean offer(byte[] message, int offset, int length);

    /**
     * Batch write: writes {@code messages[offset]}, {@code messages[offset + 1]}, ... in order, as
     * many of the {@code count} as there is room for now, and wakes waiting readers once.
     *
     * @param messages the messages, each a whole array
     * @param offset the index of the first message to write
     * @param count how many messages to write at most
     * @return how many were written (a prefix of the batch)
     * @throws IllegalArgumentException if any of them is larger than {@link #maxMessageBytes()}
     *    (checked before anything is written)
     */
    int offer(byte[][] messages, int offset, int count);

    /**
     * Writes a message, waiting at most {@code timeout} for room; false if the time ran out.
     *
     * @param length the message length in bytes
     * @param message the array that holds the message
     * @param offset where the message starts in the array
     * @param timeout how long to wait at most, in {@code unit}
     * @param unit the unit of {@code timeout}
     * @return true if written, false if the time ran out first
     * @throws InterruptedException if interrupted while waiting
     */
    boolean offer(byte[] message, int offset, int length, long timeout, TimeUnit unit) throws InterruptedException;

    /**
     * Writes a message, waiting for room as long as it takes.
     *
     * @param length the message length in bytes
     * @param message the array that holds the message
     * @param offset where the message starts in the array
     * @throws InterruptedException if interrupted while waiting
     */
    void put(byte[] message, int offset, int length) throws InterruptedException;

    /**
     * Takes the next message as a new array, or returns null if there is none now.
     *
     * @return the message, or null if none is available now
     */
    byte[] poll();

    /**
     * Takes the next message as a new array, waiting for one.
     *
     * @return the message
     * @throws EndOfStreamException if the ring is empty, no producer is open and at least one has
     *    closed it (a producer that dies without closing may be replaced, so it does not end the stream)
     * @throws InterruptedException if interrupted while waiting
     */
    byte[] take() throws InterruptedException;

    /**
     * Hands up to {@code limit} available messages to {@code handler} in place, in order.
     *
     * @param handler what to do with each message
     * @param limit most messages to hand over
     * @return how many were handled (0 if none was available)
     */
    int poll(MessageHandler handler, int limit);

    /**
     * As {@link #poll(MessageHandler, int)}, but waits at most {@code timeout} for a first message.
     *
     * @param handler what to do with each message
     * @param limit most messages to hand over
     * @param timeout how long to wait at most, in {@code unit}
     * @param unit the unit of {@code timeout}
     * @return how many were handled (0 if the time ran out first)
     * @throws InterruptedException if interrupted while waiting
     */
    int poll(MessageHandler handler, int limit, long timeout, TimeUnit unit) throws InterruptedException;

    /**
     * Messages in the ring now (a snapshot; others may be changing it).
     *
     * @return how many messages the ring holds now
     */
    int size();

    /**
     * True if no message is available now.
     *
     * @return true if no message is available now
     */
    boolean isEmpty();

    /**
     * Closes this process's use: its producer side counts as closed (once no producer is open, a
     * consumer blocked on the emptied ring gets an {@link EndOfStreamException}), and the ring can
     * no longer be used here. The creator also removes the file. Harmless twice.
     */
    @Override
    void close();
}
