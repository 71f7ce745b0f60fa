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
 *  +-------------------------------+-------------------------------+
 *  | object type name: ASCII, NUL-padded, e.g. "SharedQueue"       |  48
 *  | (empty for regions that are not a public shared object)       |
 *  +---------------+---------------+-------------------------------+
 *  | state         | CRC32 of 0-79 | reserved, zero                |  80
 *  +---------------+---------------+-------------------------------+
 *  | reserved, zero ...                                            |  96-127
 *  +---------------------------------------------------------------+
 *  | payload: the structure's own layout (its *Layout class)       | 128
 * </pre>
 *
 * The creator writes every field, then the checksum, then sets {@code state} to
 * {@link #STATE_READY} with a release store once the payload is initialized, and to
 * {@link #STATE_CLOSED} when it closes an anonymous region. An attacher reads {@code state} with acquire
 * semantics before trusting anything else.
 */
public final class RegionHeaderLayout {
    /** "NIPC" read as a big-endian int. */
    public static final int MAGIC = 0x4E49_5043;
    /**
     * Version of this header's own format (2: the creator is named by its liveness token; 3: the
     * object type name).
     */
    public static final int HEADER_FORMAT = 3;

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
    /** The public type of the object the region holds ("SharedLock"), so that tools and errors can name it. */
    public static final int TYPE_NAME_OFFSET = 48;
    /** Bytes of the type name field; names are ASCII and at most this long. */
    public static final int TYPE_NAME_BYTES = 32;
    public static final int STATE_OFFSET = 80;
    public static final int CHECKSUM_OFFSET = 84;
    /** Bytes covered by the checksum: everything before {@code state}. */
    public static final int CHECKSUMMED_BYTES = 80;
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
