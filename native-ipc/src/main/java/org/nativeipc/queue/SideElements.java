package org.nativeipc.queue;

import static org.nativeipc.queue.AbstractRing.KIND_MESSAGE;
import static org.nativeipc.queue.RingControlLayout.FLAG_LARGE_ELEMENTS;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import org.nativeipc.codec.ArrayFraming;
import org.nativeipc.codec.Codec;
import org.nativeipc.codec.CodecOutput;
import org.nativeipc.internal.memory.SideFiles;

/**
 * Elements larger than a ring's {@code maxMessageBytes}, in a ring with
 * {@link RingControlLayout#FLAG_LARGE_ELEMENTS}: the producer writes the element into a
 * {@linkplain SideFiles side file} and puts a small reference record (kind {@link #KIND_SIDE})
 * through the ring; the consumer that takes the record reads the file, removes it, and goes on
 * as if the element had come through the ring. So an element of any size (up to
 * {@link #MAX_ELEMENT_BYTES}) passes however small the ring is, nothing of it is visible before
 * it is whole (the reference is published after the file is), and a consumer reads it while
 * producers go on writing. Small elements take the ring's path unchanged (one comparison more).
 *
 * <p>Reference record, native byte order: {@code long} {@link #MAGIC}, {@code int} the element's
 * own record kind, {@code int} its length, then the side file's name in UTF-8.
 */
final class SideElements {
    /** Record kind of a reference to a side file. */
    static final int KIND_SIDE = 2;
    /** Largest element: the largest Java array (the element is encoded into one). */
    static final int MAX_ELEMENT_BYTES = Integer.MAX_VALUE - 8;
    /** First 8 bytes of a reference ("nipcside"), so that a peek, which sees no kind, knows one. */
    static final long MAGIC = 0x6e69_7063_7369_6465L;
    private static final int KIND_AT = 8;
    private static final int LENGTH_AT = 12;
    private static final int NAME_AT = 16;
    /** Longest side file name a reference holds (they are about 70 bytes). */
    private static final int MAX_NAME_BYTES = 128;
    private static final byte[] NO_BYTES = {};

    private SideElements() {
    }

    /** The largest element {@code ring} takes: any size with {@link RingControlLayout#FLAG_LARGE_ELEMENTS}. */
    static int maxElementBytes(AbstractRing ring) {
        return (ring.flags & FLAG_LARGE_ELEMENTS) != 0 ? MAX_ELEMENT_BYTES : ring.maxMessageBytes;
    }

    /** True if {@code out} grew past what a ring's messages need (it held a large element): not worth keeping. */
    static boolean oversized(CodecOutput out, AbstractRing ring) {
        return out.array().length > Math.max(ring.maxMessageBytes, MessageCopy.RETAINED_BYTES);
    }

    /**
     * Encodes {@code value} into {@code out} and writes it as {@link #write} does; but a value
     * that {@code codec} frames as one array ({@link ArrayFraming}) and that is too large for the
     * ring goes into its side file straight from that array: the header from {@code out}, then
     * the array, with no encoding buffer in between.
     *
     * @return false if the time ran out (nothing written)
     * @throws IllegalArgumentException if {@code value} cannot be encoded or is too large (nothing written)
     */
    static <E> boolean encodeAndWrite(AbstractRing ring, Codec<E> codec, E value, CodecOutput out, long timeoutNanos,
                                      boolean needConsumer) throws InterruptedException {
        int max = maxElementBytes(ring);
        ArrayFraming<E> framing = codec.arrayFraming();
        byte[] array = framing == null || max == ring.maxMessageBytes ? null : framing.arrayOf(value);
        if (array != null) {
            framing.writeHeader(array.length, out.reset(max));
            long length = (long) out.length() + array.length;
            if (length > ring.maxMessageBytes && length <= max) {
                return writeSide(ring, out.array(), out.length(), array, 0, array.length, KIND_MESSAGE, timeoutNanos, needConsumer);
            }
        }
        codec.encode(value, out.reset(max));
        return write(ring, out.array(), 0, out.length(), KIND_MESSAGE, timeoutNanos, needConsumer);
    }

    /**
     * Writes the element through the ring, or, when it is larger than the ring's messages, into a
     * side file whose reference goes through the ring (the file is removed if the reference is not
     * written: time ran out, or an error).
     *
     * @return false if the time ran out (nothing written)
     */
    static boolean write(AbstractRing ring, byte[] source, int offset, int length, int kind, long timeoutNanos,
                         boolean needConsumer) throws InterruptedException {
        if (length <= ring.maxMessageBytes || (ring.flags & FLAG_LARGE_ELEMENTS) == 0) {
            return ring.write(source, offset, length, kind, timeoutNanos, needConsumer);
        }
        return writeSide(ring, NO_BYTES, 0, source, offset, length, kind, timeoutNanos, needConsumer);
    }

    /** Writes {@code head} and then {@code body} into a side file, and its reference through the ring. */
    private static boolean writeSide(AbstractRing ring, byte[] head, int headLength, byte[] body, int offset, int length,
                                     int kind, long timeoutNanos, boolean needConsumer) throws InterruptedException {
        if (timeoutNanos == 0 && !ring.writable(NAME_AT + MAX_NAME_BYTES)) {
            return false;
        }
        String name = SideFiles.write(head, headLength, body, offset, length, ring.region, ring.name());
        byte[] reference = reference(name, kind, headLength + length);
        boolean written = false;
        try {
            written = ring.write(reference, 0, reference.length, KIND_SIDE, timeoutNanos, needConsumer);
            return written;
        } finally {
            if (!written) {
                SideFiles.discard(name);
            }
        }
    }

    /** The record kind of the element {@code copy} holds or refers to. */
    static int elementKind(MessageCopy copy) {
        return copy.kind() == KIND_SIDE && copy.length() >= NAME_AT ? copy.buffer().getInt(KIND_AT) : copy.kind();
    }

    /**
     * If {@code copy} holds a reference, replaces it by the element it refers to (reading its side
     * file, then handing it back to {@code ring}'s queue for reuse or removing it): by the value itself if {@code framing} (may be null) says the
     * element is one framed array — read straight from the file into the value's array — else
     * by the element's bytes.
     *
     * @throws IllegalStateException if the side file is gone or damaged (the element is lost)
     */
    static <E> void resolve(MessageCopy copy, ArrayFraming<E> framing, AbstractRing ring) {
        if (copy.kind() != KIND_SIDE) {
            return;
        }
        ByteBuffer record = copy.buffer();
        int kind = record.getInt(KIND_AT);
        int length = record.getInt(LENGTH_AT);
        String name = name(record, copy.length());
        SideFiles.read(name, length, SideFiles.Take.reusingFor(ring.region), (fd, n) -> {
            int headerLength = -1;
            if (framing != null && kind == KIND_MESSAGE) {
                byte[] head = new byte[Math.min(n, ArrayFraming.MAX_HEADER_BYTES)];
                SideFiles.readFully(fd, 0, head, 0, head.length);
                headerLength = framing.headerLength(head, head.length, n);
            }
            if (headerLength < 0) {
                byte[] bytes = new byte[n];
                SideFiles.readFully(fd, 0, bytes, 0, n);
                copy.adopt(bytes, kind);
            } else {
                byte[] array = new byte[n - headerLength];
                SideFiles.readFully(fd, headerLength, array, 0, array.length);
                copy.adoptValue(framing.valueOf(array), n, kind);
            }
            return copy;
        });
    }

    /**
     * The bytes of the element a peeked message stands for: {@code peeked} itself, or the
     * contents of the side file it refers to (null if a consumer took it meanwhile).
     */
    static byte[] peeked(byte[] peeked) {
        if (peeked.length < NAME_AT || ByteBuffer.wrap(peeked).order(ByteOrder.nativeOrder()).getLong(0) != MAGIC) {
            return peeked;
        }
        ByteBuffer record = ByteBuffer.wrap(peeked).order(ByteOrder.nativeOrder());
        return SideFiles.read(name(record, peeked.length), record.getInt(LENGTH_AT), false);
    }

    private static byte[] reference(String name, int kind, int length) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer record = ByteBuffer.allocate(NAME_AT + nameBytes.length).order(ByteOrder.nativeOrder());
        record.putLong(MAGIC).putInt(kind).putInt(length).put(nameBytes);
        return record.array();
    }

    private static String name(ByteBuffer record, int recordLength) {
        if (recordLength < NAME_AT || recordLength > NAME_AT + MAX_NAME_BYTES || record.getLong(0) != MAGIC || record.getInt(LENGTH_AT) < 0) {
            throw new IllegalStateException("a reference to a large element is corrupted (" + recordLength + " bytes)");
        }
        byte[] nameBytes = new byte[recordLength - NAME_AT];
        record.get(NAME_AT, nameBytes);
        return new String(nameBytes, StandardCharsets.UTF_8);
    }
}
