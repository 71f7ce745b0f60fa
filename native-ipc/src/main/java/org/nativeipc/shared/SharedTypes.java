package org.nativeipc.shared;

import java.util.LinkedHashMap;
import java.util.Map;

import org.nativeipc.internal.memory.RegionHeaderLayout;
import org.nativeipc.internal.memory.RegionKind;
import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.internal.object.ObjectType;
import org.nativeipc.internal.object.Recipe;

/**
 * This package's objects as the one lifecycle of shared objects knows them
 * ({@link ObjectType}): their layouts, how a region becomes the object, how each is made
 * ({@link Recipe}) and with which arguments, and their live state for {@code nipc inspect}.
 */
final class SharedTypes {
    static final ObjectType<SharedLong> LONG = ObjectType.builder("SharedLong", SharedLong.class)
            .layout(RegionKind.VALUE, ValueLayout.VERSION)
            .attacher((region, context) -> new SharedLong(region))
            .state(v -> Map.of("value", v.get()))
            .creation("SharedLong.create(\"%s\", initial)")
            .build();
    static final ObjectType<SharedDouble> DOUBLE = ObjectType.builder("SharedDouble", SharedDouble.class)
            .layout(RegionKind.VALUE, ValueLayout.VERSION)
            .attacher((region, context) -> new SharedDouble(region))
            .state(v -> Map.of("value", v.get()))
            .creation("SharedDouble.create(\"%s\", initial)")
            .build();
    static final ObjectType<SharedLongArray> LONG_ARRAY = array("SharedLongArray", SharedLongArray.class, SharedLongArray::new);
    static final ObjectType<SharedIntArray> INT_ARRAY = array("SharedIntArray", SharedIntArray.class, SharedIntArray::new);
    static final ObjectType<SharedDoubleArray> DOUBLE_ARRAY =
            array("SharedDoubleArray", SharedDoubleArray.class, SharedDoubleArray::new);
    static final ObjectType<SharedMemory> MEMORY = ObjectType.builder("SharedMemory", SharedMemory.class)
            .layout(RegionKind.MEMORY, MemoryLayout.VERSION)
            .attacher((region, context) -> new SharedMemory(region))
            .parameters(region -> Recipe.arguments("bytes", region.getLong(MemoryLayout.SIZE_OFFSET)))
            .state(m -> Map.of("bytes", m.size()))
            .creation("SharedMemory.create(\"%s\", bytes)")
            .build();

    /** A map travels with its codecs; opened by {@code nipc} without them, it gets the defaults. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static final ObjectType<SharedMap<?, ?>> MAP = ObjectType.builder("SharedMap", (Class<SharedMap<?, ?>>) (Class) SharedMap.class)
            .layout(RegionKind.MAP, MapLayout.VERSION)
            .attacher((region, context) -> new SharedMap<>(region, context))
            .parameters(region -> Recipe.arguments("maxEntries", region.getInt(MapLayout.MAX_ENTRIES_OFFSET),
                    "maxKeyBytes", region.getInt(MapLayout.MAX_KEY_BYTES_OFFSET),
                    "maxValueBytes", region.getInt(MapLayout.MAX_VALUE_BYTES_OFFSET)))
            .state(m -> {
                Map<String, Object> state = new LinkedHashMap<>();
                state.put("entries", m.size());
                state.put("maxEntries", m.maxEntries());
                state.put("stripe locks taken over from dead holders", m.takeovers());
                return state;
            })
            .creation("SharedMap.create(\"%s\", maxEntries)")
            .build();

    private SharedTypes() {
    }

    private static <T extends SharedArray> ObjectType<T> array(String name, Class<T> type,
                                                             java.util.function.Function<SharedRegion, T> wrap) {
        return ObjectType.builder(name, type)
                .layout(RegionKind.ARRAY, ArrayLayout.VERSION)
                .attacher((region, context) -> wrap.apply(region))
                .parameters(region -> Recipe.arguments("length", region.getInt(ArrayLayout.LENGTH_OFFSET)))
                .state(a -> {
                    Map<String, Object> state = new LinkedHashMap<>();
                    state.put("length", a.length());
                    return state;
                })
                .creation(name + ".create(\"%s\", length)")
                .build();
    }

    /** How to make a value holding {@code initialBits}; the initial value is no creation argument (openOrCreate keeps an existing value). */
    static Recipe valueRecipe(long initialBits) {
        return Recipe.of(RegionKind.VALUE, ValueLayout.VERSION, ValueLayout.PAYLOAD_BYTES,
                region -> region.putLong(ValueLayout.VALUE_OFFSET, initialBits));
    }

    /** How to make an array of {@code length} zeroed elements of {@code elementBytes} each. */
    static Recipe arrayRecipe(int length, int elementBytes) {
        long payload = ArrayLayout.payloadBytes(length, elementBytes);
        if (length < 0 || payload > SharedRegion.MAX_FILE_BYTES - RegionHeaderLayout.HEADER_BYTES) {
            throw new IllegalArgumentException("length " + length + " is not a valid array length: give 0 to "
                    + (SharedRegion.MAX_FILE_BYTES - RegionHeaderLayout.HEADER_BYTES - ArrayLayout.ELEMENTS_OFFSET) / elementBytes
                    + " elements of " + elementBytes + " bytes (one region holds under 2 GiB)");
        }
        return new Recipe(RegionKind.ARRAY, ArrayLayout.VERSION, payload, region -> {
            region.putInt(ArrayLayout.LENGTH_OFFSET, length);
            region.putInt(ArrayLayout.ELEMENT_BYTES_OFFSET, elementBytes);
        }, Recipe.arguments("length", length));
    }

    /** How to make a map of these limits. */
    static Recipe mapRecipe(int maxEntries, int maxKeyBytes, int maxValueBytes) {
        long payload = MapTable.requiredPayloadBytes(maxEntries, maxKeyBytes, maxValueBytes);
        if (payload > MapLayout.maxPayloadBytes()) {
            throw new IllegalArgumentException("a SharedMap of " + maxEntries + " entries with keys of " + maxKeyBytes
                    + " and values of " + maxValueBytes + " bytes needs " + payload + " bytes, more than one region holds ("
                    + MapLayout.maxPayloadBytes() + "): lower maxEntries or the key and value limits");
        }
        return new Recipe(RegionKind.MAP, MapLayout.VERSION, payload,
                region -> MapTable.initialize(region, maxEntries, maxKeyBytes, maxValueBytes),
                Recipe.arguments("maxEntries", maxEntries, "maxKeyBytes", maxKeyBytes, "maxValueBytes", maxValueBytes));
    }

    /** How to make a zeroed block of {@code bytes} bytes. */
    static Recipe memoryRecipe(long bytes) {
        long limit = SharedRegion.MAX_FILE_BYTES - RegionHeaderLayout.HEADER_BYTES - MemoryLayout.BYTES_OFFSET;
        if (bytes < 0 || bytes > limit) {
            throw new IllegalArgumentException("size " + bytes + " is not a valid SharedMemory size: give 0 to " + limit
                    + " bytes (one region holds under 2 GiB)");
        }
        return new Recipe(RegionKind.MEMORY, MemoryLayout.VERSION, MemoryLayout.BYTES_OFFSET + bytes,
                region -> region.putLong(MemoryLayout.SIZE_OFFSET, bytes), Recipe.arguments("bytes", bytes));
    }
}
