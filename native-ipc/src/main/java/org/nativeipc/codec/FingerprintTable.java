package org.nativeipc.codec;

import java.util.Arrays;

/**
 * An immutable open-addressing map from shape fingerprints to schemas, replaced whole when a
 * type is added (types are added a handful of times in a process's life, looked up on every
 * message): readers need no lock and no boxing of the key.
 */
final class FingerprintTable {
    static final FingerprintTable EMPTY = new FingerprintTable(new long[8], new TypeSchema[8], 0);
    private static final int MAX_LOAD_PERCENT = 50;

    private final long[] keys;
    private final TypeSchema[] values;
    private final int size;

    private FingerprintTable(long[] keys, TypeSchema[] values, int size) {
        this.keys = keys;
        this.values = values;
        this.size = size;
    }

    /** The schema with {@code fingerprint}, or null. */
    TypeSchema get(long fingerprint) {
        int mask = keys.length - 1;
        for (int i = slot(fingerprint, mask); ; i = (i + 1) & mask) {
            TypeSchema v = values[i];
            if (v == null || keys[i] == fingerprint) {
                return v;
            }
        }
    }

    /** A table that also holds {@code schema}. */
    FingerprintTable with(TypeSchema schema) {
        if (get(schema.fingerprint()) != null) {
            return this;
        }
        int capacity = keys.length;
        while ((size + 1) * 100 > capacity * MAX_LOAD_PERCENT) {
            capacity *= 2;
        }
        long[] k = new long[capacity];
        TypeSchema[] v = new TypeSchema[capacity];
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                put(k, v, values[i]);
            }
        }
        put(k, v, schema);
        return new FingerprintTable(k, v, size + 1);
    }

    private static void put(long[] k, TypeSchema[] v, TypeSchema schema) {
        int mask = k.length - 1;
        int i = slot(schema.fingerprint(), mask);
        while (v[i] != null) {
            i = (i + 1) & mask;
        }
        k[i] = schema.fingerprint();
        v[i] = schema;
    }

    private static int slot(long fingerprint, int mask) {
        return (int) (fingerprint ^ (fingerprint >>> 32)) & mask;
    }

    @Override
    public String toString() {
        return "FingerprintTable" + Arrays.toString(Arrays.stream(values).filter(v -> v != null).map(v -> v.type.getName()).toArray());
    }
}
