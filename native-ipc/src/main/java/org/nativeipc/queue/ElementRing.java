package org.nativeipc.queue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import java.util.function.Consumer;

import org.nativeipc.codec.ArrayFraming;
import org.nativeipc.codec.Codec;
import org.nativeipc.codec.CodecException;
import org.nativeipc.codec.CodecOutput;

/**
 * A ring that carries elements instead of bytes: the codec at both ends (encoding into a
 * per-thread buffer before anything is written; decoding from a private copy, after the ring's
 * slot is free again, see {@link MessageCopy} and {@link ElementDecoder}), and for a single-producer
 * single-consumer ring the {@link SideGuard}s that let one thread at a time use each side: a
 * {@link SideLock} each, or a {@link ConfinedSide} each when the ring was created with
 * {@link RingControlLayout#FLAG_ONE_THREAD_PER_SIDE}.
 *
 * @param <E> the type of the elements
 */
final class ElementRing<E> {
    final AbstractRing ring;
    final Codec<E> codec;
    final ElementDecoder<E> decoder;
    private final SideGuard producerSide;
    private final SideGuard consumerSide;
    /** The buffers of a single-producer single-consumer ring: each side uses its own, one thread at a time. */
    private final Buffers sideBuffers;
    /** Each thread's buffers, for a multi-producer ring (threads write and read at once). */
    private final ThreadLocal<Buffers> threadBuffers;
    /** The first thread's buffers: found without a thread-local lookup while one thread does all the work. */
    private Buffers firstBuffers;

    ElementRing(AbstractRing ring, Codec<E> codec, String owner) {
        this.ring = ring;
        this.codec = Objects.requireNonNull(codec, "codec");
        this.decoder = new ElementDecoder<>(codec, ring, owner, false);
        boolean spsc = ring instanceof SpscRing;
        this.producerSide = spsc ? sideGuard(ring, "producer side") : null;
        this.consumerSide = spsc ? sideGuard(ring, "consumer side") : null;
        this.sideBuffers = spsc ? new Buffers(ring.maxMessageBytes, codec.arrayFraming()) : null;
        this.threadBuffers = spsc ? null : ThreadLocal.withInitial(() -> new Buffers(ring.maxMessageBytes, codec.arrayFraming()));
    }

    /**
     * Where a thread encodes the elements it puts and copies those it takes: its {@link CodecOutput}
     * and {@link MessageCopy}, reused from element to element.
     */
    private static final class Buffers {
        /** The thread these are for (a multi-producer ring's); read by other threads, hence final. */
        final Thread owner = Thread.currentThread();
        final MessageCopy copy;
        CodecOutput output;

        Buffers(int maxMessageBytes, ArrayFraming<?> framing) {
            this.output = new CodecOutput(maxMessageBytes);
            this.copy = new MessageCopy(framing);
        }
    }

    /** The current thread's buffers (the side's, for a single-producer single-consumer ring: the caller holds its side). */
    private Buffers buffers() {
        if (sideBuffers != null) {
            return sideBuffers;
        }
        Buffers b = firstBuffers;
        if (b != null && b.owner == Thread.currentThread()) {
            return b;
        }
        b = threadBuffers.get();
        if (firstBuffers == null) {
            firstBuffers = b; // racy and harmless: a thread that finds another's here uses its thread-local ones
        }
        return b;
    }

    private static SideGuard sideGuard(AbstractRing ring, String side) {
        if ((ring.flags & RingControlLayout.FLAG_ONE_THREAD_PER_SIDE) != 0) {
            return new ConfinedSide(side + " of " + ring.name());
        }
        return new SideLock();
    }

    /**
     * Encodes {@code e} and writes it, waiting at most {@code timeoutNanos} ({@code Long.MAX_VALUE}:
     * forever) for the producer side and for room.
     *
     * @return false if the time ran out
     * @throws IllegalArgumentException if {@code e} cannot be encoded or is too large (nothing written)
     */
    boolean insert(E e, long timeoutNanos) throws InterruptedException {
        long start = timed(timeoutNanos) ? System.nanoTime() : 0;
        if (producerSide != null && !producerSide.enter(timeoutNanos)) {
            return false;
        }
        try {
            Buffers buffers = buffers();
            CodecOutput out = buffers.output;
            try {
                return SideElements.encodeAndWrite(ring, codec, e, out, remaining(timeoutNanos, start), false);
            } finally {
                if (SideElements.oversized(out, ring)) {
                    buffers.output = new CodecOutput(ring.maxMessageBytes); // a large element's buffer is not kept for the next one
                }
            }
        } finally {
            if (producerSide != null) {
                producerSide.exit();
            }
        }
    }

    /**
     * Takes the head element, waiting at most {@code timeoutNanos}, and decodes it once the ring
     * has let go of it.
     *
     * @return the element, or null if none came (or {@code endIsEmpty} and the producers are gone)
     * @throws EndOfStreamException if the producers are gone and {@code endIsEmpty} is false
     * @throws CodecException if the element cannot be decoded (it is consumed all the same)
     */
    E remove(long timeoutNanos, boolean endIsEmpty) throws InterruptedException {
        long start = timed(timeoutNanos) ? System.nanoTime() : 0;
        if (consumerSide != null && !consumerSide.enter(timeoutNanos)) {
            return null;
        }
        try {
            MessageCopy taken = ring.read(buffers().copy, remaining(timeoutNanos, start), endIsEmpty);
            return taken == null ? null : decoder.decode(taken);
        } finally {
            if (consumerSide != null) {
                consumerSide.exit();
            }
        }
    }

    /** Takes up to {@code max} available elements without waiting, in order, into {@code sink}. */
    int drain(Consumer<? super E> sink, int max) {
        if (consumerSide != null) {
            consumerSide.enterUninterruptibly();
        }
        try {
            return ring.drain(buffers().copy, copy -> sink.accept(decoder.decode(copy)), max);
        } finally {
            if (consumerSide != null) {
                consumerSide.exit();
            }
        }
    }

    /** The head element, decoded from a validated copy, without taking it; null if there is none. */
    E peek() {
        byte[] copy = ring.peekCopy();
        while (copy != null && (copy = SideElements.peeked(copy)) == null) {
            copy = ring.peekCopy(); // a consumer took the large element meanwhile: peek at the next
        }
        return copy == null ? null : codec.decode(ByteBuffer.wrap(copy).order(ByteOrder.nativeOrder()), 0, copy.length);
    }

    /** Messages this process took and dropped because they could not be decoded. */
    long droppedMessages() {
        return decoder.droppedMessages();
    }

    private static boolean timed(long timeoutNanos) {
        return timeoutNanos > 0 && timeoutNanos != Long.MAX_VALUE;
    }

    private static long remaining(long timeoutNanos, long start) {
        return timed(timeoutNanos) ? Math.max(0, timeoutNanos - (System.nanoTime() - start)) : timeoutNanos;
    }
}
