package org.nativeipc.queue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import java.util.function.Consumer;

import org.nativeipc.codec.Codec;
import org.nativeipc.codec.CodecException;
import org.nativeipc.codec.CodecOutput;

/**
 * A ring that carries elements instead of bytes: the codec at both ends (encoding into a
 * per-thread buffer before anything is written, decoding in place), and for a single-producer
 * single-consumer ring the {@link SideGuard}s that let one thread at a time use each side: a
 * {@link SideLock} each, or a {@link ConfinedSide} each when the ring was created with
 * {@link RingControlLayout#FLAG_ONE_THREAD_PER_SIDE}.
 *
 * @param <E> the type of the elements
 */
final class ElementRing<E> {
    final AbstractRing ring;
    final Codec<E> codec;
    private final RecordReader<E> decoder;
    private final SideGuard producerSide;
    private final SideGuard consumerSide;
    private final CodecOutput spscOutput;
    private final ThreadLocal<CodecOutput> outputs;

    ElementRing(AbstractRing ring, Codec<E> codec) {
        this.ring = ring;
        this.codec = Objects.requireNonNull(codec, "codec");
        boolean spsc = ring instanceof SpscRing;
        this.producerSide = spsc ? sideGuard(ring, "producer side") : null;
        this.consumerSide = spsc ? sideGuard(ring, "consumer side") : null;
        this.spscOutput = spsc ? new CodecOutput(ring.maxMessageBytes) : null;
        this.outputs = spsc ? null : ThreadLocal.withInitial(() -> new CodecOutput(ring.maxMessageBytes));
        this.decoder = (buffer, offset, length, kind) -> {
            E value = codec.decode(buffer, offset, length);
            if (value == null) {
                throw new CodecException(codec + " decoded a message as null; a SharedQueue holds no nulls");
            }
            return value;
        };
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
            CodecOutput out = producerSide != null ? spscOutput : outputs.get();
            codec.encode(e, out.reset(ring.maxMessageBytes));
            return ring.write(out.array(), 0, out.length(), AbstractRing.KIND_MESSAGE, remaining(timeoutNanos, start), false);
        } finally {
            if (producerSide != null) {
                producerSide.exit();
            }
        }
    }

    /**
     * Takes and decodes the head element, waiting at most {@code timeoutNanos}.
     *
     * @return the element, or null if none came (or {@code endIsEmpty} and the producers are gone)
     * @throws EndOfStreamException if the producers are gone and {@code endIsEmpty} is false
     * @throws CodecException if the element cannot be decoded (it is consumed all the same)
     */
    @SuppressWarnings("unchecked")
    E remove(long timeoutNanos, boolean endIsEmpty) throws InterruptedException {
        long start = timed(timeoutNanos) ? System.nanoTime() : 0;
        if (consumerSide != null && !consumerSide.enter(timeoutNanos)) {
            return null;
        }
        try {
            Object value = ring.read(decoder, remaining(timeoutNanos, start), endIsEmpty);
            return value == AbstractRing.EMPTY ? null : (E) value;
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
            return ring.drain(decoder, sink, max);
        } finally {
            if (consumerSide != null) {
                consumerSide.exit();
            }
        }
    }

    /** The head element, decoded from a validated copy, without taking it; null if there is none. */
    E peek() {
        byte[] copy = ring.peekCopy();
        return copy == null ? null : codec.decode(ByteBuffer.wrap(copy).order(ByteOrder.nativeOrder()), 0, copy.length);
    }

    private static boolean timed(long timeoutNanos) {
        return timeoutNanos > 0 && timeoutNanos != Long.MAX_VALUE;
    }

    private static long remaining(long timeoutNanos, long start) {
        return timed(timeoutNanos) ? Math.max(0, timeoutNanos - (System.nanoTime() - start)) : timeoutNanos;
    }
}
