package org.nativeipc.bench.state;

import java.util.function.BiConsumer;

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

    /** Puts every key, mapped to its index, through {@code put} (the filling child's work). */
    public static void fill(BiConsumer<String, Long> put) {
        String[] keys = keys();
        for (int i = 0; i < keys.length; i++) {
            put.accept(keys[i], (long) i);
        }
    }

    /** The measuring side's visits: one key per operation, in turn. */
    public static final class Visits {
        private final String[] keys = keys();
        private int next;

        /** The index of the key to visit now (also the value a put gives it); the next call gives the one after. */
        public int next() {
            int i = next;
            next = i + 1 == keys.length ? 0 : i + 1;
            return i;
        }

        /** The key at {@code index}. */
        public String key(int index) {
            return keys[index];
        }
    }

    /** Throws unless {@code size} is {@link #KEYS} and {@code value} is what the child put for key 7. */
    public static void check(String what, long size, Long value) {
        if (size != KEYS || value == null) {
            throw new IllegalStateException("correctness check failed: " + what + " holds " + size + " entries (expected "
                    + KEYS + "), key-7 -> " + value);
        }
    }
}
