package org.nativeipc.internal.memory;

/**
 * The header at the start of every shared region file (native byte order, 128 bytes so the
 * payload starts on its own cache lines).
 *
 * <pre>
 *  0               4               8               12              16
 *  +---------------+---------------+---------------+---------------+
 *  | magic "NIPC"  | header format | kind code     | layout version|   0
 *  +---------------+---------------+---------------+---------------+
 *  | file size in bytes (long)     | creator pid (long, display)   |  16
 *  +-------------------------------+-------------------------------+
 *  | creator liveness token (long) | created at, epoch ms (long)   |  32
 *  +---------------+---------------+-------------------------------+
 *  | state         | CRC32 of 0-47 | reserved, zero                |  48
 *  +---------------+---------------+-------------------------------+
 *  | reserved, zero ...                                            |  64-127
 *  +---------------------------------------------------------------+
 *  | payload: the structure's own layout (its *Layout class)       | 128
 * </pre>
 *
 * The creator writes every field, then the checksum, then sets {@code state} to
 * {@link #STATE_READY} with a release store once the payload is initialized, and to
 * {@link #STATE_CLOSED} when it closes the region. An attacher reads {@code state} with acquire
 * semantics before trusting anything else.
 */
public final class RegionHeaderLayout {
    /** "NIPC" read as a big-endian int. */
    public static final int MAGIC = 0x4E49_5043;
    /** Version of this header's own format (2: the creator is named by its liveness token). */
    public static final int HEADER_FORMAT = 2;

    public static final int MAGIC_OFFSET = 0;
    public static final int HEADER_FORMAT_OFFSET = 4;
    public static final int KIND_OFFSET = 8;
    public static final int LAYOUT_VERSION_OFFSET = 12;
    public static final int FILE_SIZE_OFFSET = 16;
    /** The creator's pid in its own PID namespace: for messages only. */
    public static final int CREATOR_PID_OFFSET = 24;
    /** The creator's {@link org.nativeipc.internal.liveness.Liveness liveness} token: who it is. */
    public static final int CREATOR_TOKEN_OFFSET = 32;
    public static final int CREATED_AT_OFFSET = 40;
    public static final int STATE_OFFSET = 48;
    public static final int CHECKSUM_OFFSET = 52;
    /** Bytes covered by the checksum: everything before {@code state}. */
    public static final int CHECKSUMMED_BYTES = 48;
    /** Size of the header; the payload starts here. */
    public static final int HEADER_BYTES = 128;

    /** {@code state}: the creator has not finished initializing. */
    public static final int STATE_INITIALIZING = 0;
    /** {@code state}: header and payload are initialized; attachers may use the region. */
    public static final int STATE_READY = 1;
    /**
     * {@code state}: the creator closed the region (set just before it removes the file): every
     * thread of every process blocked on it wakes and gets a {@link RegionClosedException}.
     */
    public static final int STATE_CLOSED = 2;

    private RegionHeaderLayout() {
    }
}
