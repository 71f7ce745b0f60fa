package org.nativeipc.bench.state;

/**
 * The shared-dict workload, the same for SharedMap, Chronicle Map and Python's
 * {@code Manager().dict()}: {@link #KEYS} string keys {@code "key-0"} ... mapped to longs, put
 * by a child process; the measuring process then gets or puts (overwrites) them in turn.
 */
public final class MapWorkload {
    /** Keys in the map. */
    public static final int KEYS = 1000;
    /** Room the maps are made with. */
    public static final int CAPACITY = 2 * KEYS;

    private MapWorkload() {
    }

    /** The keys, in the order the benchmark visits them. */
    public static String[] keys() {
        String[] keys = new String[KEYS];
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "key-" + i;
        }
        return keys;
    }

    /** Throws unless {@code size} is {@link #KEYS} and {@code value} is what the child put for key 7. */
    public static void check(String what, long size, Long value) {
        if (size != KEYS || value == null) {
            throw new IllegalStateException("correctness check failed: " + what + " holds " + size + " entries (expected "
                    + KEYS + "), key-7 -> " + value);
        }
    }
}
