package org.nativeipc.queue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A private copy of one message, taken while the ring holds it so that the ring's slot is free
 * again before the message is decoded: decoding, however slow or hostile the message, never
 * holds up producers, and a message that cannot be decoded is already consumed — never handed
 * to the next consumer again. Reused from message to message by one thread (or one side);
 * buffers above {@link #RETAINED_BYTES} are not kept.
 */
final class MessageCopy implements RecordReader<MessageCopy> {
    /** Largest buffer kept between messages: 64 KiB (a larger message gets an array of its own). */
    static final int RETAINED_BYTES = 64 << 10;
    private static final int INITIAL_BYTES = 256;

    private ByteBuffer retained = ByteBuffer.allocate(INITIAL_BYTES).order(ByteOrder.nativeOrder());
    private ByteBuffer buffer = retained;
    private int length;
    private int kind;
    /** The decoded element, when it was read straight into its value ({@link #adoptValue}); else null. */
    private Object value;

    @Override
    public MessageCopy read(ByteBuffer source, int offset, int length, int kind) {
        source.get(offset, reserve(length, kind).array(), 0, length);
        return this;
    }

    @Override
    public MessageCopy readSpread(MpmcSlots slots, long position, int length, int kind) {
        slots.gather(position, reserve(length, kind).array(), length);
        return this;
    }

    /** Makes {@link #buffer} hold at least {@code length} bytes and notes the message's length and kind. */
    private ByteBuffer reserve(int length, int kind) {
        if (length > retained.capacity()) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(length, Math.min(RETAINED_BYTES, 2 * retained.capacity())))
                    .order(ByteOrder.nativeOrder());
            if (bigger.capacity() <= RETAINED_BYTES) {
                retained = bigger;
            }
            buffer = bigger;
        } else {
            buffer = retained;
        }
        this.length = length;
        this.kind = kind;
        this.value = null;
        return buffer;
    }

    /**
     * Makes {@code bytes}, a whole message of record kind {@code kind}, this copy's message (a
     * large element read from its side file: the array is not kept for the next message).
     */
    void adopt(byte[] bytes, int kind) {
        this.buffer = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
        this.length = bytes.length;
        this.kind = kind;
        this.value = null;
    }

    /**
     * Makes {@code value}, an element of {@code length} bytes and record kind {@code kind} already
     * read as its value (a large array, see {@link SideElements#resolve}), this copy's message: it
     * has no bytes to decode.
     */
    void adoptValue(Object value, int length, int kind) {
        this.buffer = retained;
        this.length = length;
        this.kind = kind;
        this.value = value;
    }

    /** The element as a value, if it was read as one ({@link #adoptValue}); else null: decode {@link #buffer}. */
    Object value() {
        return value;
    }

    /** Lets go of a buffer or value that is not kept between messages (a large one), once the message is used. */
    void release() {
        buffer = retained;
        value = null;
    }

    /** The copied bytes, from index 0, in native byte order (valid until the next read). */
    ByteBuffer buffer() {
        return buffer;
    }

    int length() {
        return length;
    }

    int kind() {
        return kind;
    }

    /** The copied bytes as an array of their own. */
    byte[] toArray() {
        if (buffer != retained && buffer.capacity() == length) {
            return buffer.array(); // an array of this message alone, never reused: no need to copy it
        }
        byte[] bytes = new byte[length];
        buffer.get(0, bytes, 0, length);
        return bytes;
    }
}
