package org.nativeipc.internal.object;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import org.nativeipc.internal.memory.RegionKind;
import org.nativeipc.internal.memory.SharedRegion;

/**
 * How to make one shared object: the region layout, its payload size, the initializer that
 * writes the structure before anyone can attach, and the creation arguments as the type's
 * {@linkplain ObjectType.Builder#parameters parameters} will read them back (what
 * {@code openOrCreate} compares with an existing object's).
 *
 * @param kind the region kind
 * @param layoutVersion its layout version
 * @param payloadBytes bytes after the region header
 * @param initializer writes the structure (runs once, in the creator, before publication)
 * @param parameters the creation arguments, by label, in order
 */
public record Recipe(RegionKind kind, int layoutVersion, long payloadBytes, Consumer<SharedRegion> initializer,
                     Map<String, Object> parameters) {
    /** Checks the fields and copies the parameters. */
    public Recipe {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(initializer, "initializer");
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /**
     * A recipe without creation arguments.
     *
     * @param kind the region kind
     * @param layoutVersion its layout version
     * @param payloadBytes bytes after the region header
     * @param initializer writes the structure
     * @return the recipe
     */
    public static Recipe of(RegionKind kind, int layoutVersion, long payloadBytes, Consumer<SharedRegion> initializer) {
        return new Recipe(kind, layoutVersion, payloadBytes, initializer, Map.of());
    }

    /**
     * Creation arguments as a map that keeps their order (for messages).
     *
     * @param labelsAndValues label, value, label, value, ...
     * @return the map
     * @throws IllegalArgumentException if a label is missing or not a String
     */
    public static Map<String, Object> arguments(Object... labelsAndValues) {
        if (labelsAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("give labels and values in pairs");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < labelsAndValues.length; i += 2) {
            if (!(labelsAndValues[i] instanceof String label)) {
                throw new IllegalArgumentException("argument label " + labelsAndValues[i] + " is not a String");
            }
            map.put(label, labelsAndValues[i + 1]);
        }
        return map;
    }

    /**
     * This recipe with its creation arguments.
     *
     * @param labelsAndValues the arguments, by label, in order (as the type reads them back)
     * @return a new recipe
     */
    public Recipe withParameters(Map<String, Object> labelsAndValues) {
        return new Recipe(kind, layoutVersion, payloadBytes, initializer, labelsAndValues);
    }
}
