package org.nativeipc.shared;

import java.io.Serializable;
import java.util.AbstractMap;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.nativeipc.codec.Codec;
import org.nativeipc.codec.CodecOutput;
import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.internal.object.ObjectLife;
import org.nativeipc.internal.object.SharedObjects;

/**
 * A {@link ConcurrentMap} in shared memory: Python's {@code Manager().dict()} without the
 * manager's server process. Keys and values are encoded by codecs (the
 * {@linkplain org.nativeipc.codec.Codecs#defaults() default codec} unless the {@link #builder()}
 * says otherwise) into fixed-size slots of an off-heap hash table, so every process reads and
 * writes the map directly.
 *
 * <pre>{@code
 * SharedMap<String, Integer> counts = SharedMap.create(1000);
 * counts.put("count", 100);
 * new ChildProcess(() -> counts.merge("count", -1, Integer::sum)).start();
 * }</pre>
 *
 * <p><b>Atomicity.</b> Every {@code ConcurrentMap} operation is atomic across processes: a key's
 * stripe is locked for the operation ({@link #putIfAbsent}, {@link #replace}, {@link #remove(Object,
 * Object)}, ...). {@link #compute}, {@link #computeIfAbsent}, {@link #computeIfPresent} and
 * {@link #merge} run their function in the calling process while holding that lock, once; the
 * function must not use this map (that throws {@link IllegalStateException}) and should be short.
 * Two keys or values are equal when their encodings are equal byte for byte (true for strings,
 * boxed numbers, records of these and lists; not for a {@code HashSet} whose iteration order
 * differs). Nulls are refused, as in every {@code ConcurrentMap}.
 *
 * <p><b>Limits.</b> {@link #create(int)} gives room for {@code maxEntries} entries, keys of up
 * to {@value #DEFAULT_MAX_KEY_BYTES} encoded bytes and values of up to
 * {@value #DEFAULT_MAX_VALUE_BYTES}; the builder sets all three. A key or value that does not
 * fit, and the insert of a new key into a full map, throw {@link IllegalArgumentException} or
 * {@link IllegalStateException} naming the limit, and change nothing. Inserts racing in
 * different processes at the very limit may each see room, so the map can pass
 * {@code maxEntries} by at most one entry per stripe (there is room for that).
 *
 * <p><b>Views and iteration.</b> {@link #size()} sums the stripes' counts; iteration is weakly
 * consistent, as in {@code ConcurrentHashMap}: it copies one stripe at a time under its lock,
 * never throws {@code ConcurrentModificationException}, and sees each entry at most once.
 *
 * <p><b>Crashes.</b> A process killed at any instruction inside an update leaves the map
 * consistent: the stripe's lock is taken over by the next process that needs it (the robust lock
 * of {@link org.nativeipc.sync.SharedLock}), which first completes the dead process's update if it
 * had got as far as publishing it (every change goes through a redo record, see
 * {@link MapLayout}). So an entry is the old or the new mapping, {@code size()} agrees with
 * iteration, and no lock stays held.
 *
 * <p><b>Sharing.</b> As every shared object: it travels to a child inside a task's captures
 * (with its codecs), and named maps ({@link #create(String, int)}) reach independent programs.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
public final class SharedMap<K, V> extends AbstractMap<K, V> implements ConcurrentMap<K, V>, AutoCloseable, Serializable {
    private static final long serialVersionUID = 1L;
    /** Largest encoded key of {@link #create(int)}, in bytes. */
    public static final int DEFAULT_MAX_KEY_BYTES = 64;
    /** Largest encoded value of {@link #create(int)}, in bytes. */
    public static final int DEFAULT_MAX_VALUE_BYTES = 256;

    private final transient ObjectLife life;
    private final transient MapTable table;
    private final transient MapCodecs codecs;
    private final transient Codec<K> keyCodec;
    private final transient Codec<V> valueCodec;
    private final transient ThreadLocal<MapScratch> scratch;

    @SuppressWarnings("unchecked")
    SharedMap(SharedRegion region, Object context) {
        this.life = new ObjectLife(region, SharedTypes.MAP);
        this.table = new MapTable(region, life.displayName());
        this.codecs = context instanceof MapCodecs c ? c : MapCodecs.defaults();
        this.keyCodec = (Codec<K>) codecs.keys();
        this.valueCodec = (Codec<V>) codecs.values();
        this.scratch = ThreadLocal.withInitial(() -> new MapScratch(table.maxKeyBytes, table.maxValueBytes));
    }

    /**
     * Creates a map with room for {@code maxEntries} entries, keys and values in the default
     * codec of at most {@value #DEFAULT_MAX_KEY_BYTES} and {@value #DEFAULT_MAX_VALUE_BYTES}
     * encoded bytes, in a new region owned by this process.
     *
     * @param maxEntries the most entries it holds
     * @param <K> the type of keys
     * @param <V> the type of values
     * @return the new map
     * @throws IllegalArgumentException if {@code maxEntries} is not positive or the map would not fit one region
     */
    public static <K, V> SharedMap<K, V> create(int maxEntries) {
        return SharedMap.<K, V>builder().maxEntries(maxEntries).create();
    }

    /**
     * Creates a map named {@code name} as {@link #create(int)} does.
     *
     * @param name the name (1 to 128 ASCII letters, digits, '.', '_', '-')
     * @param maxEntries the most entries it holds
     * @param <K> the type of keys
     * @param <V> the type of values
     * @return the new map
     * @throws IllegalStateException if the name exists already
     * @throws IllegalArgumentException if the name is not valid, or the arguments are
     */
    public static <K, V> SharedMap<K, V> create(String name, int maxEntries) {
        return SharedMap.<K, V>builder().maxEntries(maxEntries).create(name);
    }

    /**
     * Attaches to the map named {@code name}, with the default codecs.
     *
     * @param name the name
     * @param <K> the type of keys
     * @param <V> the type of values
     * @return this process's map of that name
     * @throws IllegalStateException if there is no such name, or it holds another type of object
     * @throws IllegalArgumentException if the name is not valid
     */
    public static <K, V> SharedMap<K, V> open(String name) {
        return SharedMap.<K, V>builder().open(name);
    }

    /**
     * Attaches to the map named {@code name}, creating it as {@link #create(String, int)} if there is none.
     *
     * @param name the name
     * @param maxEntries the most entries it holds (an existing map must have been made with the same)
     * @param <K> the type of keys
     * @param <V> the type of values
     * @return this process's map of that name
     * @throws IllegalStateException if an existing map was made with other limits, or the name holds another type
     * @throws IllegalArgumentException if the name is not valid, or the arguments are
     */
    public static <K, V> SharedMap<K, V> openOrCreate(String name, int maxEntries) {
        return SharedMap.<K, V>builder().maxEntries(maxEntries).openOrCreate(name);
    }

    /**
     * Removes the name {@code name}; processes that have the map keep using it.
     *
     * @param name the name
     * @return true if it was removed, false if there was no such name
     * @throws IllegalStateException if the name holds another type of object (nothing is removed)
     * @throws IllegalArgumentException if the name is not valid
     */
    public static boolean unlink(String name) {
        return SharedObjects.unlink(SharedTypes.MAP, name);
    }

    /**
     * A builder for the entry count, the key and value size limits and the codecs.
     *
     * @param <K> the type of keys
     * @param <V> the type of values
     * @return a new builder
     */
    public static <K, V> SharedMapBuilder<K, V> builder() {
        return new SharedMapBuilder<>();
    }

    /**
     * The most entries this map holds, as created.
     *
     * @return the limit
     */
    public int maxEntries() {
        return table.maxEntries;
    }

    // ---- ConcurrentMap ---------------------------------------------------------------------------

    @Override
    public int size() {
        life.checkOpen("size()");
        return (int) Math.min(Integer.MAX_VALUE, table.size());
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public boolean containsKey(Object key) {
        return withKey(key, "containsKey()", (ctx, slot) -> slot >= 0);
    }

    @Override
    public V get(Object key) {
        return withKey(key, "get()", (ctx, slot) -> slot >= 0 ? ctx.value(slot) : null);
    }

    @Override
    public V put(K key, V value) {
        return withKey(key, "put()", (ctx, slot) -> {
            V old = slot >= 0 ? ctx.value(slot) : null;
            ctx.store(slot, ctx.encode(value));
            return old;
        });
    }

    @Override
    public V putIfAbsent(K key, V value) {
        return withKey(key, "putIfAbsent()", (ctx, slot) -> {
            if (slot >= 0) {
                return ctx.value(slot);
            }
            ctx.store(slot, ctx.encode(value));
            return null;
        });
    }

    @Override
    public V remove(Object key) {
        return withKey(key, "remove()", (ctx, slot) -> {
            if (slot < 0) {
                return null;
            }
            V old = ctx.value(slot);
            ctx.delete(slot);
            return old;
        });
    }

    @Override
    public boolean remove(Object key, Object value) {
        if (value == null) {
            return false;
        }
        return withKey(key, "remove()", (ctx, slot) -> {
            if (slot < 0 || !ctx.holds(slot, ctx.encodeAny(value))) {
                return false;
            }
            ctx.delete(slot);
            return true;
        });
    }

    @Override
    public V replace(K key, V value) {
        return withKey(key, "replace()", (ctx, slot) -> {
            if (slot < 0) {
                return null;
            }
            V old = ctx.value(slot);
            ctx.store(slot, ctx.encode(value));
            return old;
        });
    }

    @Override
    public boolean replace(K key, V oldValue, V newValue) {
        Objects.requireNonNull(oldValue, "oldValue");
        return withKey(key, "replace()", (ctx, slot) -> {
            if (slot < 0 || !ctx.holds(slot, ctx.encodeAny(oldValue))) {
                return false;
            }
            ctx.store(slot, ctx.encode(newValue));
            return true;
        });
    }

    @Override
    public V compute(K key, BiFunction<? super K, ? super V, ? extends V> function) {
        Objects.requireNonNull(function, "function");
        return withKey(key, "compute()", (ctx, slot) -> ctx.update(slot, function.apply(key, slot >= 0 ? ctx.value(slot) : null)));
    }

    @Override
    public V computeIfAbsent(K key, Function<? super K, ? extends V> function) {
        Objects.requireNonNull(function, "function");
        return withKey(key, "computeIfAbsent()", (ctx, slot) -> slot >= 0 ? ctx.value(slot)
                : ctx.update(slot, function.apply(key)));
    }

    @Override
    public V computeIfPresent(K key, BiFunction<? super K, ? super V, ? extends V> function) {
        Objects.requireNonNull(function, "function");
        return withKey(key, "computeIfPresent()", (ctx, slot) -> slot < 0 ? null
                : ctx.update(slot, function.apply(key, ctx.value(slot))));
    }

    @Override
    public V merge(K key, V value, BiFunction<? super V, ? super V, ? extends V> function) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(function, "function");
        return withKey(key, "merge()", (ctx, slot) -> ctx.update(slot, slot < 0 ? value
                : function.apply(ctx.value(slot), value)));
    }

    @Override
    public void clear() {
        life.checkOpen("clear()");
        MapScratch s = enter("clear()");
        try {
            for (int stripe = 0; stripe < table.stripes; stripe++) {
                table.lock(stripe);
                try {
                    table.clear(stripe);
                } finally {
                    table.unlock(stripe);
                }
            }
        } finally {
            s.busy = false;
        }
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
        life.checkOpen("entrySet()");
        return new MapEntries<>(this, table, keyCodec, valueCodec);
    }

    // ---- the locked core -----------------------------------------------------------------------

    /** Encodes the key, locks its stripe, finds it, runs {@code action} and unlocks. */
    private <R> R withKey(Object key, String operation, MapAction<K, V, R> action) {
        Objects.requireNonNull(key, "key");
        life.checkOpen(operation);
        MapScratch s = enter(operation);
        try {
            CodecOutput out = s.key.reset(table.maxKeyBytes);
            @SuppressWarnings("unchecked")
            K k = (K) key;
            encodeKey(k, out);
            long hash = MapTable.hash(out.array(), out.length());
            int stripe = table.stripeOf(hash);
            table.lock(stripe);
            try {
                int slot = table.find(stripe, hash, out.array(), out.length());
                return action.run(new MapContext<>(this, table, s, stripe, hash, valueCodec), slot);
            } finally {
                table.unlock(stripe);
            }
        } finally {
            s.busy = false;
        }
    }

    private void encodeKey(K key, CodecOutput out) {
        try {
            keyCodec.encode(key, out);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key " + MapContext.brief(key) + " cannot be a key of " + life.displayName() + ": "
                    + e.getMessage() + " (keys take at most " + table.maxKeyBytes + " encoded bytes: raise"
                    + " SharedMap.builder().maxKeyBytes(...))", e);
        }
    }

    /** This thread's scratch space, marked in use; refuses use from inside a compute function. */
    MapScratch enter(String operation) {
        MapScratch s = scratch.get();
        if (s.busy) {
            throw new IllegalStateException(operation + " on " + life.displayName() + " from inside the function of its own"
                    + " compute/merge, which holds a lock of the map: compute what you need before or after the call");
        }
        s.busy = true;
        return s;
    }

    /** The map's name or file, for messages. */
    String displayName() {
        return life.displayName();
    }

    /** Throws if closed in this process. */
    void checkOpen(String operation) {
        life.checkOpen(operation);
    }

    // ---- lifecycle -------------------------------------------------------------------------------

    /**
     * Whether this map is closed in this process.
     *
     * @return true once {@link #close()} ran in this process
     */
    public boolean isClosed() {
        return life.isClosed();
    }

    /**
     * Closes this process's use of the map. The creator of an anonymous map removes its region
     * file, so no further process can attach (those attached keep working); a named map stays
     * until unlinked. Harmless twice; any other use after it throws {@link IllegalStateException}.
     */
    @Override
    public void close() {
        life.close(null);
    }

    /**
     * The map's name or file, size and limit, e.g. {@code SharedMap['prices', entries=3, maxEntries=1000]}:
     * not its contents (use {@code entrySet()} for those).
     *
     * @return a description for logs
     */
    @Override
    public String toString() {
        return life.describe() + (life.isClosed() ? "" : ", entries=" + table.size() + ", maxEntries=" + table.maxEntries) + "]";
    }

    /**
     * A map travels as its handle (its region's file name and its codecs), which attaches in the
     * receiving process.
     *
     * @return the handle
     */
    Object writeReplace() {
        return life.handle(codecs);
    }

    /**
     * Refuses a stream that holds a map itself: maps only ever travel as handles.
     *
     * @param in the stream
     * @throws java.io.InvalidObjectException always
     */
    private void readObject(java.io.ObjectInputStream in) throws java.io.InvalidObjectException {
        throw org.nativeipc.internal.object.ObjectHandle.proxyRequired(getClass());
    }

    /** Table statistics for {@code nipc inspect}. */
    long takeovers() {
        return table.takeovers();
    }

    /** What an operation does under its stripe's lock, given the slot {@link MapTable#find} returned. */
    @FunctionalInterface
    interface MapAction<K, V, R> {
        R run(MapContext<K, V> context, int slot);
    }
}
