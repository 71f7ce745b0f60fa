package org.nativeipc.shared;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.nativeipc.codec.Codec;

/**
 * The entry set of a {@link SharedMap}: weakly consistent iteration that copies one stripe's
 * encoded entries at a time under the stripe's lock and decodes them outside it. Removing through
 * the iterator removes the key from the map; an entry's {@code setValue} puts into the map.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
final class MapEntries<K, V> extends AbstractSet<Map.Entry<K, V>> {
    private final SharedMap<K, V> map;
    private final MapTable table;
    private final Codec<K> keys;
    private final Codec<V> values;

    MapEntries(SharedMap<K, V> map, MapTable table, Codec<K> keys, Codec<V> values) {
        this.map = map;
        this.table = table;
        this.keys = keys;
        this.values = values;
    }

    @Override
    public int size() {
        return map.size();
    }

    @Override
    public void clear() {
        map.clear();
    }

    @Override
    public Iterator<Map.Entry<K, V>> iterator() {
        return new Iterator<>() {
            private int nextStripe;
            private List<byte[]> copied = List.of();
            private int index;
            private Map.Entry<K, V> last;

            @Override
            public boolean hasNext() {
                while (index >= copied.size() && nextStripe < table.stripes) {
                    copied = copyStripe(nextStripe++);
                    index = 0;
                }
                return index < copied.size();
            }

            @Override
            public Map.Entry<K, V> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("no more entries in " + map.displayName());
                }
                byte[] key = copied.get(index++);
                byte[] value = copied.get(index++);
                last = new Entry(keys.decode(wrap(key), 0, key.length), values.decode(wrap(value), 0, value.length));
                return last;
            }

            @Override
            public void remove() {
                if (last == null) {
                    throw new IllegalStateException("remove() before next(), or twice for one entry");
                }
                map.remove(last.getKey());
                last = null;
            }
        };
    }

    /** The stripe's keys and values, encoded, alternately: copied under its lock. */
    private List<byte[]> copyStripe(int stripe) {
        map.checkOpen("iteration");
        MapScratch s = map.enter("iteration");
        try {
            table.lock(stripe);
            try {
                List<byte[]> out = new ArrayList<>((int) Math.min(Integer.MAX_VALUE / 2, 2 * table.count(stripe)));
                ByteBuffer memory = table.memory();
                for (int slot = 0; slot < table.slotsPerStripe; slot++) {
                    if (table.isFull(stripe, slot)) {
                        byte[] key = new byte[table.keyLength(stripe, slot)];
                        memory.get(table.keyOffset(stripe, slot), key);
                        byte[] value = new byte[table.valueLength(stripe, slot)];
                        memory.get(table.valueOffset(stripe, slot), value);
                        out.add(key);
                        out.add(value);
                    }
                }
                return out;
            } finally {
                table.unlock(stripe);
            }
        } finally {
            s.busy = false;
        }
    }

    private static ByteBuffer wrap(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
    }

    /** An entry whose {@code setValue} writes through to the map. */
    private final class Entry extends AbstractMap.SimpleEntry<K, V> {
        private static final long serialVersionUID = 1L;

        Entry(K key, V value) {
            super(key, value);
        }

        @Override
        public V setValue(V value) {
            map.put(getKey(), value);
            return super.setValue(value);
        }
    }
}
