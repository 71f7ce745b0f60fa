package org.nativeipc.shared;

import org.nativeipc.codec.CodecOutput;

/**
 * One thread's reusable buffers for the operations of one {@link SharedMap}: the encoded key,
 * the encoded new value and an encoded value to compare with; and whether an operation of that
 * thread is under way (a compute function that uses its own map would otherwise wait for the lock
 * it holds, or overwrite these buffers).
 */
final class MapScratch {
    final CodecOutput key;
    final CodecOutput value;
    final CodecOutput expected;
    boolean busy;

    MapScratch(int maxKeyBytes, int maxValueBytes) {
        this.key = new CodecOutput(maxKeyBytes);
        this.value = new CodecOutput(maxValueBytes);
        this.expected = new CodecOutput(maxValueBytes);
    }
}
