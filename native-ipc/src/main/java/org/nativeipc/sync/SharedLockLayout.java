package org.nativeipc.sync;


import org.nativeipc.internal.sync.RobustMutex;
/**
 * The bytes of a {@link SharedLock} or {@link SharedReentrantLock} region's payload (after the
 * 128-byte region header), native byte order. Both locks share this layout: a reentrant
 * lock's hold count lives in the owning process (only its threads can hold the lock), so the
 * shared part is the same.
 *
 * <pre>
 *  0               4               8               12              16
 *  +-------------------------------+---------------+---------------+
 *  | owner: liveness token (long)  | ev. sequence  | sleepers      |   0  RobustMutex
 *  +---------------+---------------+---------------+---------------+
 *  | wakePending   | reserved      | takeovers (long)              |  16
 *  +---------------+---------------+-------------------------------+
 *  | owner check interval, ns      | reserved                      |  32
 *  +-------------------------------+-------------------------------+
 *  | reserved                                                      |  48-63
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * The owner word is the whole lock: 0 when free, otherwise the holding process's
 * liveness token ({@link org.nativeipc.internal.liveness.Liveness}). See {@link RobustMutex} for the protocol.
 */
final class SharedLockLayout {
    /** Layout version, written in the region header and checked on attach. */
    static final int VERSION = 1;
    /** Offset of the {@link RobustMutex} block. */
    static final int MUTEX_OFFSET = 0;
    /** Payload size. */
    static final int PAYLOAD_BYTES = RobustMutex.BYTES;

    private SharedLockLayout() {
    }
}
