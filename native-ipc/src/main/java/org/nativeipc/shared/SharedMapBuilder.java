package org.nativeipc.shared;

import org.nativeipc.codec.Codec;
import org.nativeipc.codec.Codecs;
import org.nativeipc.internal.object.SharedObjects;

/**
 * Builds a {@link SharedMap}: how many entries it holds, the largest encoded key and value, and
 * the codecs of keys and values (the default codec unless set). Obtained from
 * {@link SharedMap#builder()}.
 *
 * <pre>{@code
 * SharedMap<String, Order> orders = SharedMap.<String, Order>builder()
 *         .maxEntries(10_000).maxValueBytes(1024)
 *         .valueCodec(Codecs.defaults(SerializationAllowList.defaults().allowPackage("com.example.orders")))
 *         .create();
 * }</pre>
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
public final class SharedMapBuilder<K, V> {
    private int maxEntries = -1;
    private int maxKeyBytes = SharedMap.DEFAULT_MAX_KEY_BYTES;
    private int maxValueBytes = SharedMap.DEFAULT_MAX_VALUE_BYTES;
    private Codec<? super K> keyCodec = Codecs.defaults();
    private Codec<? super V> valueCodec = Codecs.defaults();

    SharedMapBuilder() {
    }

    /**
     * The most entries the map holds (required to create one).
     *
     * @param maxEntries a positive count
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public SharedMapBuilder<K, V> maxEntries(int maxEntries) {
        this.maxEntries = positive(maxEntries, "maxEntries");
        return this;
    }

    /**
     * The largest encoded key, in bytes (default {@value SharedMap#DEFAULT_MAX_KEY_BYTES}).
     *
     * @param bytes a positive size
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public SharedMapBuilder<K, V> maxKeyBytes(int bytes) {
        this.maxKeyBytes = positive(bytes, "maxKeyBytes");
        return this;
    }

    /**
     * The largest encoded value, in bytes (default {@value SharedMap#DEFAULT_MAX_VALUE_BYTES}).
     *
     * @param bytes a positive size
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public SharedMapBuilder<K, V> maxValueBytes(int bytes) {
        this.maxValueBytes = positive(bytes, "maxValueBytes");
        return this;
    }

    /**
     * The codec of keys; two keys are the same key when their encodings are equal.
     *
     * @param codec the codec
     * @return this builder
     */
    public SharedMapBuilder<K, V> keyCodec(Codec<? super K> codec) {
        this.keyCodec = java.util.Objects.requireNonNull(codec, "codec");
        return this;
    }

    /**
     * The codec of values.
     *
     * @param codec the codec
     * @return this builder
     */
    public SharedMapBuilder<K, V> valueCodec(Codec<? super V> codec) {
        this.valueCodec = java.util.Objects.requireNonNull(codec, "codec");
        return this;
    }

    /**
     * Creates the map in a new region owned by this process.
     *
     * @return the new map
     * @throws IllegalArgumentException if {@code maxEntries} was not set, or the map would not fit one region
     */
    public SharedMap<K, V> create() {
        return typed(SharedObjects.create(SharedTypes.MAP, SharedTypes.mapRecipe(requireEntries(), maxKeyBytes, maxValueBytes), codecs()));
    }

    /**
     * Creates the map named {@code name}.
     *
     * @param name the name (1 to 128 ASCII letters, digits, '.', '_', '-')
     * @return the new map
     * @throws IllegalStateException if the name exists already
     * @throws IllegalArgumentException if the name is not valid, {@code maxEntries} was not set, or the map would not fit one region
     */
    public SharedMap<K, V> create(String name) {
        return typed(SharedObjects.create(SharedTypes.MAP, name, SharedTypes.mapRecipe(requireEntries(), maxKeyBytes, maxValueBytes),
                codecs()));
    }

    /**
     * Attaches to the map named {@code name} with this builder's codecs (its limits are the existing map's).
     *
     * @param name the name
     * @return this process's map of that name
     * @throws IllegalStateException if there is no such name, or it holds another type of object
     * @throws IllegalArgumentException if the name is not valid
     */
    public SharedMap<K, V> open(String name) {
        return typed(SharedObjects.open(SharedTypes.MAP, name, codecs()));
    }

    /**
     * Attaches to the map named {@code name}, creating it if there is none.
     *
     * @param name the name
     * @return this process's map of that name
     * @throws IllegalStateException if an existing map was made with other limits, or the name holds another type
     * @throws IllegalArgumentException if the name is not valid, {@code maxEntries} was not set, or the map would not fit one region
     */
    public SharedMap<K, V> openOrCreate(String name) {
        return typed(SharedObjects.openOrCreate(SharedTypes.MAP, name,
                SharedTypes.mapRecipe(requireEntries(), maxKeyBytes, maxValueBytes), codecs()));
    }

    /** The map as this builder's types: the codecs given here decide what it holds. */
    @SuppressWarnings("unchecked")
    private SharedMap<K, V> typed(SharedMap<?, ?> map) {
        return (SharedMap<K, V>) map;
    }

    private MapCodecs codecs() {
        return new MapCodecs(keyCodec, valueCodec);
    }

    private int requireEntries() {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("a SharedMap needs maxEntries: call maxEntries(n) on the builder");
        }
        return maxEntries;
    }

    private static int positive(int value, String what) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " " + value + " is not positive");
        }
        return value;
    }
}
