package org.nativeipc.queue;

import java.util.concurrent.atomic.AtomicLong;

import org.nativeipc.codec.ArrayFraming;
import org.nativeipc.codec.Codec;
import org.nativeipc.codec.CodecException;

/**
 * Decodes messages that have already left the ring ({@link MessageCopy}), and deals with those
 * that cannot be decoded: such a message is dropped (it is already consumed), counted, logged
 * as a WARNING with what refused it and which process sent it, and reported to the caller that
 * took it as a {@link CodecException}; the next call gets the next message.
 *
 * @param <E> the type of the elements
 */
final class ElementDecoder<E> {
    private static final System.Logger LOG = System.getLogger(ElementDecoder.class.getPackageName());

    private final Codec<E> codec;
    /** How {@link #codec} frames a lone array, or null. */
    private final ArrayFraming<E> framing;
    private final AbstractRing ring;
    private final String owner;
    private final boolean nullable;
    private final AtomicLong dropped = new AtomicLong();

    /**
     * @param owner what the messages belong to, for reports ("SharedQueue", "Connection[left end]")
     * @param nullable whether null is a value (pipes) or a decoding failure (queues hold no nulls)
     */
    ElementDecoder(Codec<E> codec, AbstractRing ring, String owner, boolean nullable) {
        this.codec = codec;
        this.framing = codec.arrayFraming();
        this.ring = ring;
        this.owner = owner;
        this.nullable = nullable;
    }

    Codec<E> codec() {
        return codec;
    }

    /**
     * Replaces a reference to a large element by the element itself ({@link SideElements}); one
     * whose side file is lost is dropped, counted, logged and reported as undecodable.
     */
    MessageCopy resolve(MessageCopy copy) {
        return resolve(copy, null);
    }

    /** As {@link #resolve(MessageCopy)}, reading a large element straight into its value where {@code framing} can. */
    private MessageCopy resolve(MessageCopy copy, ArrayFraming<E> framing) {
        try {
            SideElements.resolve(copy, framing, ring);
        } catch (RuntimeException e) {
            throw dropped(copy, "its side file could not be read: " + e.getMessage(), e);
        }
        return copy;
    }

    /** Decodes the copied message, or drops, counts, logs and reports it. */
    @SuppressWarnings("unchecked") // a value adopted by the copy came from this codec's framing
    E decode(MessageCopy copy) {
        resolve(copy, framing);
        try {
            Object value = copy.value();
            return value != null ? (E) value : decodeWhole(copy);
        } finally {
            copy.release();
        }
    }

    private E decodeWhole(MessageCopy copy) {
        E value;
        try {
            value = codec.decode(copy.buffer(), 0, copy.length());
        } catch (CodecException e) {
            throw dropped(copy, e.getMessage(), e);
        } catch (RuntimeException e) {
            throw dropped(copy, codec + " failed on it: " + e, e);
        }
        if (value == null && !nullable) {
            throw dropped(copy, codec + " decoded it as null, and a queue holds no nulls", null);
        }
        return value;
    }

    private CodecException dropped(MessageCopy copy, String reason, Exception cause) {
        long count = dropped.incrementAndGet();
        String report = owner + " " + ring.name() + " dropped a message of " + copy.length() + " bytes from "
                + ring.describeProducers() + ": " + reason;
        LOG.log(System.Logger.Level.WARNING, report + " (" + count + " dropped in this process so far)");
        return new CodecException(report + ". It will not be delivered again; the next message is unaffected", cause);
    }

    /** Messages this process took and dropped because they could not be decoded. */
    long droppedMessages() {
        return dropped.get();
    }
}
