package org.nativeipc.shared;

/**
 * The region of a {@link SharedMemory}: its size, then the caller's bytes, which start on a
 * 64-byte boundary (so any primitive the caller lays out is naturally aligned).
 *
 * <pre>
 *  0   long  size    bytes the caller asked for
 *  8   ...   reserved to 63
 *  64  ...   the bytes
 * </pre>
 */
final class MemoryLayout {
    /** Layout version; bump when the layout changes. */
    static final int VERSION = 1;
    static final int SIZE_OFFSET = 0;
    static final int BYTES_OFFSET = 64;

    private MemoryLayout() {
    }
}
