package org.nativeipc.queue;

import java.nio.ByteBuffer;

/** Turns one record, read in place, into a value (a decoded element, a copy of the bytes). */
@FunctionalInterface
interface RecordReader<T> {
    /** Reads the record of {@code kind} at {@code offset}; the bytes are valid only during the call. */
    T read(ByteBuffer buffer, int offset, int length, int kind);
}
