package org.nativeipc.queue;

import static org.nativeipc.queue.RingControlLayout.FLAG_LARGE_ELEMENTS;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

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
        if (timeoutNanos == 0 && !ring.writable(NAME_AT + MAX_NAME_BYTES)) {
            return false;
        }
        String name = SideFiles.write(source, offset, length, ring.region, ring.name());
        byte[] reference = reference(name, kind, length);
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

    /**
     * If {@code copy} holds a reference, replaces it by the element it refers to (reading and
     * removing its side file).
     *
     * @throws IllegalStateException if the side file is gone or damaged (the element is lost)
     */
    static void resolve(MessageCopy copy) {
        if (copy.kind() != KIND_SIDE) {
            return;
        }
        ByteBuffer record = copy.buffer();
        int kind = record.getInt(KIND_AT);
        int length = record.getInt(LENGTH_AT);
        String name = name(record, copy.length());
        copy.adopt(SideFiles.read(name, length, true), kind);
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
