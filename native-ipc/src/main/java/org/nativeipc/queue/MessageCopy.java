package org.nativeipc.queue;

import static org.nativeipc.queue.AbstractRing.KIND_MESSAGE;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.nativeipc.codec.ArrayFraming;

/**
 * A private copy of one message, taken while the ring holds it so that the ring's slot is free
 * again before the message is decoded: decoding, however slow or hostile the message, never
 * holds up producers, and a message that cannot be decoded is already consumed — never handed
 * to the next consumer again. Reused from message to message by one thread (or one side);
 * buffers above {@link #RETAINED_BYTES} are not kept.
 *
 * <p>A copy made for a consumer that decodes ({@link #MessageCopy(ArrayFraming)}) reads a message
 * of at least {@link #DIRECT_ARRAY_BYTES} that its codec frames as one array straight into the
 * array the consumer gets: one pass over the bytes instead of a copy and then a decode, and no
 * buffer of the message's size in between.
 */
final class MessageCopy implements RecordReader<MessageCopy> {
    /** Largest buffer kept between messages: 64 KiB (a larger message gets an array of its own). */
    static final int RETAINED_BYTES = 64 << 10;
    /** Smallest message read straight into its array: below it a copy into the kept buffer costs less than an allocation saved. */
    static final int DIRECT_ARRAY_BYTES = 1024;
    private static final int INITIAL_BYTES = 256;

    /** How the consumer's codec frames a lone array (messages that are one are read into it), or null. */
    private final ArrayFraming<?> framing;
    private final byte[] head = new byte[ArrayFraming.MAX_HEADER_BYTES];

    private ByteBuffer retained = ByteBuffer.allocate(INITIAL_BYTES).order(ByteOrder.nativeOrder());
    private ByteBuffer buffer = retained;
    private int length;
    private int kind;
    /** The decoded element, when it was read straight into its value ({@link #adoptValue}); else null. */
    private Object value;
    /** The array {@link #value} stands for, when this copy read it from the ring after the header in {@link #head}; else null. */
    private byte[] array;

    /** A copy for a consumer that takes the bytes of messages as they are (no array read as a value). */
    MessageCopy() {
        this(null);
    }

    /**
     * A copy for a consumer whose codec frames lone arrays with {@code framing} (null: none):
     * messages that are one are read straight into their array ({@link #value()}).
     */
    MessageCopy(ArrayFraming<?> framing) {
        this.framing = framing;
    }

    @Override
    public MessageCopy read(ByteBuffer source, int offset, int length, int kind) {
        int header = arrayHeader(source, offset, length, kind);
        if (header >= 0) {
            byte[] array = new byte[length - header];
            source.get(offset + header, array, 0, array.length);
            return adoptArray(array, length, kind);
        }
        source.get(offset, reserve(length, kind).array(), 0, length);
        return this;
    }

    @Override
    public MessageCopy readSpread(MpmcSlots slots, long position, int length, int kind) {
        int header = arrayHeader(slots, position, length, kind);
        if (header >= 0) {
            byte[] array = new byte[length - header];
            slots.gather(position, header, array, array.length);
            return adoptArray(array, length, kind);
        }
        slots.gather(position, 0, reserve(length, kind).array(), length);
        return this;
    }

    /**
     * The header length of the message at {@code offset} of {@code source} if it is one array
     * framed by {@link #framing}; -1 if it is not, is too small to be worth it, or there is no framing.
     */
    private int arrayHeader(ByteBuffer source, int offset, int length, int kind) {
        if (!mayBeArray(length, kind)) {
            return -1;
        }
        source.get(offset, head);
        return framing.headerLength(head, head.length, length);
    }

    /** As {@link #arrayHeader(ByteBuffer, int, int, int)}, for a message spread over the slots of {@code slots} from {@code position}. */
    private int arrayHeader(MpmcSlots slots, long position, int length, int kind) {
        if (!mayBeArray(length, kind)) {
            return -1;
        }
        slots.gather(position, 0, head, head.length);
        return framing.headerLength(head, head.length, length);
    }

    private boolean mayBeArray(int length, int kind) {
        return framing != null && kind == KIND_MESSAGE && length >= DIRECT_ARRAY_BYTES;
    }

    @SuppressWarnings("unchecked") // any codec's framing takes an array
    private MessageCopy adoptArray(byte[] array, int length, int kind) {
        adoptValue(((ArrayFraming<Object>) framing).valueOf(array), length, kind);
        this.array = array;
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
        this.array = null;
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
        this.array = null;
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
        this.array = null;
    }

    /** The element as a value, if it was read as one ({@link #adoptValue}); else null: decode {@link #buffer}. */
    Object value() {
        return value;
    }

    /** Lets go of a buffer or value that is not kept between messages (a large one), once the message is used. */
    void release() {
        buffer = retained;
        value = null;
        array = null;
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

    /** The copied bytes as an array of their own (the message's bytes as sent, also when it was read as an array value). */
    byte[] toArray() {
        if (array != null) {
            byte[] bytes = new byte[length];
            int header = length - array.length;
            System.arraycopy(head, 0, bytes, 0, header);
            System.arraycopy(array, 0, bytes, header, array.length);
            return bytes;
        }
        if (buffer != retained && buffer.capacity() == length) {
            return buffer.array(); // an array of this message alone, never reused: no need to copy it
        }
        byte[] bytes = new byte[length];
        buffer.get(0, bytes, 0, length);
        return bytes;
    }
}
