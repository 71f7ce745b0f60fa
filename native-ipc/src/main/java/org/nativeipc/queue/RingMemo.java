package org.nativeipc.queue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.nativeipc.internal.memory.SharedRegion;

/**
 * What this process remembers about each ring it has used, keyed by the ring's file and offset,
 * for as long as the file exists: an object that re-attaches a ring finds the entry again, and a
 * process that goes through many short-lived queues and pipes does not keep an entry for each
 * forever (entries of rings whose file is gone are dropped whenever a ring is added).
 *
 * @param <V> what is remembered per ring
 */
final class RingMemo<V> {
    private record Key(Path file, int base) {
    }

    private final ConcurrentHashMap<Key, V> entries = new ConcurrentHashMap<>();

    /** The entry of the ring at {@code base} in {@code region}, or null. */
    V get(SharedRegion region, int base) {
        return entries.get(new Key(region.path(), base));
    }

    /** Sets the entry of the ring at {@code base} in {@code region}. */
    void put(SharedRegion region, int base, V value) {
        Key key = new Key(region.path(), base);
        if (entries.put(key, value) == null) {
            dropGoneExcept(key);
        }
    }

    /** The entry of the ring at {@code base} in {@code region}, created if there is none. */
    V computeIfAbsent(SharedRegion region, int base, Supplier<V> create) {
        Key key = new Key(region.path(), base);
        V known = entries.get(key);
        if (known != null) {
            return known;
        }
        V value = entries.computeIfAbsent(key, k -> create.get());
        dropGoneExcept(key);
        return value;
    }

    /** Rings remembered now. */
    int size() {
        return entries.size();
    }

    private void dropGoneExcept(Key added) {
        entries.keySet().removeIf(k -> !k.equals(added) && !Files.exists(k.file()));
    }
}
