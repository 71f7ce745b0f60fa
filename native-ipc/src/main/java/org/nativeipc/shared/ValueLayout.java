package org.nativeipc.shared;

/**
 * The region of a {@link SharedLong} or {@link SharedDouble}: one 8-byte word, alone in its
 * cache line, holding the value (a {@code double} as its raw IEEE 754 bits). Every access is a
 * single aligned 8-byte load, store or atomic instruction, so no process ever sees it torn.
 *
 * <pre>
 *  0   long  value
 *  8   ...   reserved to 63 (one cache line)
 * </pre>
 */
final class ValueLayout {
    /** Layout version; bump when the layout changes. */
    static final int VERSION = 1;
    static final int VALUE_OFFSET = 0;
    static final int PAYLOAD_BYTES = 64;

    private ValueLayout() {
    }
}
