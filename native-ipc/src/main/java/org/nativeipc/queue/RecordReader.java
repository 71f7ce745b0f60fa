package org.nativeipc.queue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Turns one record, read in place, into a value (a decoded element, a copy of the bytes). */
@FunctionalInterface
interface RecordReader<T> {
    /** Reads the record of {@code kind} at {@code offset}; the bytes are valid only during the call. Never null (null means "no record"). */
    T read(ByteBuffer buffer, int offset, int length, int kind);

    /**
     * Reads a record of {@code length} bytes spread over the slots of {@code slots} from
     * {@code position} (an MPMC message larger than one slot); by default from a copy in one array.
     */
    default T readSpread(MpmcSlots slots, long position, int length, int kind) {
        byte[] bytes = new byte[length];
        slots.gather(position, 0, bytes, length);
        return read(ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder()), 0, length, kind);
    }
}
