package org.nativeipc.shared;

/**
 * The region of a {@link SharedLongArray}, {@link SharedIntArray} or {@link SharedDoubleArray}:
 * the length and element size, then the elements, each naturally aligned, so that every element
 * access is one aligned load, store or atomic instruction and never torn.
 *
 * <pre>
 *  0   int   length         elements
 *  4   int   elementBytes   4 (int) or 8 (long, double)
 *  8   ...   reserved to 63
 *  64  ...   elements, index i at 64 + i * elementBytes
 * </pre>
 */
final class ArrayLayout {
    /** Layout version; bump when the layout changes. */
    static final int VERSION = 1;
    static final int LENGTH_OFFSET = 0;
    static final int ELEMENT_BYTES_OFFSET = 4;
    static final int ELEMENTS_OFFSET = 64;

    private ArrayLayout() {
    }

    /** Payload bytes of an array of {@code length} elements of {@code elementBytes} each. */
    static long payloadBytes(int length, int elementBytes) {
        return ELEMENTS_OFFSET + (long) length * elementBytes;
    }
}
