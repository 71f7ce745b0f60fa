package org.nativeipc.shared;

import org.nativeipc.codec.Codec;
import org.nativeipc.codec.CodecOutput;

/**
 * One operation of a {@link SharedMap} on one key, while its stripe is locked: reads the value
 * in place, encodes new values, and stores, replaces or deletes through the table. Refuses a
 * value that does not fit and a new key the map has no room for, before changing anything.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
final class MapContext<K, V> {
    private static final int BRIEF_CHARS = 60;

    private final SharedMap<K, V> map;
    private final MapTable table;
    private final MapScratch scratch;
    private final int stripe;
    private final long hash;
    private final Codec<V> values;

    MapContext(SharedMap<K, V> map, MapTable table, MapScratch scratch, int stripe, long hash, Codec<V> values) {
        this.map = map;
        this.table = table;
        this.scratch = scratch;
        this.stripe = stripe;
        this.hash = hash;
        this.values = values;
    }

    /** The value in {@code slot}, decoded in place. */
    V value(int slot) {
        return values.decode(table.memory(), table.valueOffset(stripe, slot), table.valueLength(stripe, slot));
    }

    /** Encodes a new value (refusing null and what does not fit). */
    CodecOutput encode(V value) {
        return encodeInto(value, scratch.value.reset(table.maxValueBytes));
    }

    /** Encodes a value to compare with, of any type. */
    @SuppressWarnings("unchecked")
    CodecOutput encodeAny(Object value) {
        return encodeInto((V) value, scratch.expected.reset(table.maxValueBytes));
    }

    private CodecOutput encodeInto(V value, CodecOutput out) {
        if (value == null) {
            throw new NullPointerException("null value for " + map.displayName() + ": a ConcurrentMap holds no nulls (remove the key instead)");
        }
        try {
            values.encode(value, out);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the value " + brief(value) + " cannot be stored in " + map.displayName() + ": "
                    + e.getMessage() + " (values take at most " + table.maxValueBytes + " encoded bytes: raise"
                    + " SharedMap.builder().maxValueBytes(...)); nothing was changed", e);
        } catch (ClassCastException e) {
            throw new ClassCastException("the value " + brief(value) + " is not of the type " + map.displayName() + " holds: " + e.getMessage());
        }
        return out;
    }

    /** Whether {@code slot} holds exactly the encoded value. */
    boolean holds(int slot, CodecOutput encoded) {
        return table.valueEquals(stripe, slot, encoded.array(), encoded.length());
    }

    /** Stores the encoded value for the key: into {@code slot} if found, else as a new entry (if there is room). */
    void store(int slot, CodecOutput encoded) {
        CodecOutput key = scratch.key;
        if (slot >= 0) {
            table.put(stripe, slot, false, hash, key.array(), key.length(), encoded.array(), encoded.length());
            return;
        }
        if (slot == MapTable.NO_ROOM) {
            throw new IllegalStateException(map.displayName() + " has no free slot for a new key in its stripe " + stripe + " ("
                    + table.count(stripe) + " entries, " + table.size() + " in all of its " + table.maxEntries
                    + "): the keys' hashes crowd into one stripe; nothing was changed: create it with a larger maxEntries");
        }
        long size = table.size();
        if (size >= table.maxEntries) {
            throw new IllegalStateException(map.displayName() + " is full: it holds " + size + " entries of at most "
                    + table.maxEntries + ", so the new key was refused and nothing was changed: remove entries, or create it"
                    + " with a larger maxEntries (SharedMap.builder().maxEntries(...))");
        }
        table.put(stripe, -slot - 1, true, hash, key.array(), key.length(), encoded.array(), encoded.length());
    }

    /** Removes the entry in {@code slot}. */
    void delete(int slot) {
        table.remove(stripe, slot);
    }

    /** A compute function's result: null removes the entry (if any), anything else is stored. */
    V update(int slot, V result) {
        if (result == null) {
            if (slot >= 0) {
                delete(slot);
            }
            return null;
        }
        store(slot, encode(result));
        return result;
    }

    /** A value shortened for messages. */
    static String brief(Object value) {
        String text = String.valueOf(value);
        return text.length() <= BRIEF_CHARS ? "'" + text + "'" : "'" + text.substring(0, BRIEF_CHARS) + "...'";
    }
}
