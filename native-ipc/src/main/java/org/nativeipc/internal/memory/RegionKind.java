package org.nativeipc.internal.memory;

/**
 * What a shared region holds. The code is written into every region header; attaching checks
 * it, so a lock's file can never be mapped as a queue. Codes are stable: never renumber one,
 * only add.
 */
public enum RegionKind {
    /** Scratch regions of the library's own tests. */
    TEST(0),
    LOCK(1),
    REENTRANT_LOCK(2),
    SEMAPHORE(3),
    CONDITION(4),
    EVENT(5),
    BARRIER(6),
    SPSC_RING(10),
    MPMC_RING(11),
    QUEUE(12),
    PIPE(13),
    VALUE(20),
    ARRAY(21),
    MEMORY(22),
    MAP(23),
    POOL(30),
    PROCESS(31);

    private final int code;

    RegionKind(int code) {
        this.code = code;
    }

    /** The number stored in the region header. */
    public int code() {
        return code;
    }

    /** The kind with this header code, or null if this version of the library knows none. */
    public static RegionKind fromCode(int code) {
        for (RegionKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        return null;
    }
}
