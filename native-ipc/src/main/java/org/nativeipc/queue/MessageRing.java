package org.nativeipc.queue;

import java.nio.ByteBuffer;
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
 * <p><b>Zero-copy.</b> A producer can write a message in place instead of from an array:
 * {@link #tryClaim} reserves room for it in the ring's {@link #buffer()}, the producer writes its
 * bytes there, and {@link #commit} publishes it (or {@link #abort} gives the room back unseen); a
 * consumer reads in place with {@link #poll(MessageHandler, int)} or {@link #controlledRead},
 * whose handler also decides, message by message, whether to go on. The names and the shape
 * follow Agrona's ring buffers. Neither side allocates per message.
 * <pre>{@code
 * int index = ring.tryClaim(8);
 * if (index != MessageRing.INSUFFICIENT_CAPACITY) {
 *     ring.buffer().putLong(index, value);
 *     ring.commit(index);
 * }
 * ring.controlledRead((buffer, offset, length) -> {
 *     process(buffer.getLong(offset));
 *     return ControlledMessageHandler.Action.CONTINUE;
 * }, 64);
 * }</pre>
 *
 * <p><b>Crash safety.</b> A process killed at any instruction never wedges the ring: its
 * claimed-but-unpublished slot or its half-read message is found (by its owner's liveness token,
 * within milliseconds of the death) and skipped or released; only the message in that
 * process's hands is lost, none other is lost or delivered twice. A producer killed between
 * {@link #tryClaim} and {@link #commit} leaves nothing of its message visible, in the same way.
 */
public interface MessageRing extends AutoCloseable {

    /**
     * Returned by {@link #tryClaim} when the ring has no room for the claim now (Agrona's value).
     */
    int INSUFFICIENT_CAPACITY = -2;

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
     * Largest message that {@link #tryClaim} takes, in bytes: a claim is one contiguous range of
     * {@link #buffer()}. {@link #maxMessageBytes()} for an {@link SpscRing}; for an
     * {@link MpmcRing} at most one slot's payload (a message larger than a slot is spread over
     * several, which are not contiguous).
     *
     * @return largest claim in bytes
     */
    int maxClaimBytes();

    /**
     * The ring's shared memory, where claimed messages are written ({@link #tryClaim}) and
     * handlers read them: the buffer {@link MessageHandler}s are given, in native byte order.
     * Use absolute indexes only, write only inside a range you claimed, and do not change its
     * position, limit or byte order (the ring and every handler share the object).
     *
     * @return the ring's shared buffer
     */
    ByteBuffer buffer();

    /**
     * Zero-copy write, step 1: claims room for a message of {@code length} bytes at the tail if
     * there is room now, and returns where its bytes go in {@link #buffer()}. The caller writes
     * them there (they are not zeroed), then calls {@link #commit} (or {@link #abort}) with the
     * returned index, from the same thread. Until then nothing of the message is visible; on an
     * {@link MpmcRing}, readers wait at its position (messages claimed later by other threads are
     * read after it), so commit promptly. Closing the ring aborts the closing thread's open claim;
     * on an {@link MpmcRing}, a claim another thread made before the close can still be committed
     * or aborted by that thread (an {@link SpscRing} refuses: once it is closed here, another
     * process may have become its producer).
     *
     * <p>A thread has at most one claim open per ring, and does not write to an {@link SpscRing}
     * while it has one (the ring's single producer writes in order). If the process dies before
     * committing, the message is dropped: nothing of it is delivered, no other message is lost,
     * and its room is given back (an {@link MpmcRing} counts it as lost, once its death is seen).
     *
     * @param length the message length in bytes, 0 to {@link #maxClaimBytes()}
     * @return the index of the message's first byte in {@link #buffer()}, or
     *     {@link #INSUFFICIENT_CAPACITY} if the ring is full now
     * @throws IllegalArgumentException if {@code length} is negative or larger than {@link #maxClaimBytes()}
     * @throws IllegalStateException if this thread has a claim open on this ring already, another
     *     process is the producer of an {@link SpscRing}, or the ring is closed here
     */
    int tryClaim(int length);

    /**
     * Zero-copy write, step 2: publishes the message claimed at {@code index}, and wakes a
     * waiting reader. Writing the message happens-before reading it.
     *
     * @param index the index {@link #tryClaim} returned to this thread
     * @throws IllegalStateException if this thread has no claim open at {@code index} (a claim
     *     is committed or aborted once, by the thread that made it), or an {@link SpscRing} is
     *     closed here
     */
    void commit(int index);

    /**
     * Zero-copy write, instead of step 2: gives the room claimed at {@code index} back without
     * publishing anything; no reader sees the message.
     *
     * @param index the index {@link #tryClaim} returned to this thread
     * @throws IllegalStateException if this thread has no claim open at {@code index} (a claim
     *     is committed or aborted once, by the thread that made it), or an {@link SpscRing} is
     *     closed here
     */
    void abort(int index);

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
     * Hands up to {@code limit} available messages to {@code handler} in place, in order, each
     * followed by the handler's {@link ControlledMessageHandler.Action}: {@code CONTINUE} and
     * {@code COMMIT} go on, {@code BREAK} stops after this message, {@code ABORT} stops before it.
     * A message is consumed (taken from the ring for good) once the handler returns anything but
     * {@code ABORT}, or throws. Does not wait; allocates nothing per message (except on an
     * {@link MpmcRing}, for a message spread over several slots: it is handed over from a copy).
     *
     * <p>{@code ABORT} leaves the message in an {@link SpscRing}, and the next read hands it over
     * again. An {@link MpmcRing} cannot do that: it takes a message from the ring (other consumers
     * move past it) before the handler sees it, so {@code ABORT} is refused: the message counts as
     * consumed and the call throws an {@link IllegalStateException}.
     *
     * @param handler what to do with each message, and whether to go on
     * @param limit most messages to hand over
     * @return how many messages were consumed (0 if none was available)
     * @throws IllegalArgumentException if {@code limit} is less than 1
     * @throws IllegalStateException if the handler returns {@code ABORT} on an {@link MpmcRing},
     *     another process is the consumer of an {@link SpscRing}, or the ring is closed here
     */
    int controlledRead(ControlledMessageHandler handler, int limit);

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
     * no longer be used here. The creator also removes the file. The calling thread's open
     * claim, if any, is aborted (see {@link #tryClaim}). Harmless twice.
     */
    @Override
    void close();
}
