package org.nativeipc.codec;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The schemas of record and enum classes, derived once per class and kept for the life of the
 * class (a {@link ClassValue}). Records may name each other in cycles ({@code record Node(int v,
 * Node next)}), so all the new schemas a class needs are made together: first each one's
 * declaration, then each one's shape, then the handles that refer to the others.
 */
final class Schemas {
    /** {@code java.lang.} before a class name: dropped from shapes, so they read as the source does. */
    private static final Pattern JAVA_LANG = Pattern.compile("\\bjava\\.lang\\.(?=[A-Z])");
    private static final ClassValue<TypeSchema> CACHE = new ClassValue<>() {
        @Override
        protected TypeSchema computeValue(Class<?> type) {
            return build(type);
        }
    };
    /** Every schema built so far, complete; guarded by the class lock (building is rare). */
    private static final Map<Class<?>, TypeSchema> BUILT = new HashMap<>();

    private Schemas() {
    }

    /** True for the classes that have schemas: records and enums. */
    static boolean isStructured(Class<?> type) {
        return type.isRecord() || type.isEnum();
    }

    /** The schema of a record or enum class. */
    static TypeSchema of(Class<?> type) {
        return CACHE.get(type);
    }

    /** A type as a shape writes it: its name (generic arguments included), java.lang dropped. */
    static String typeText(Type type) {
        return JAVA_LANG.matcher(type.getTypeName()).replaceAll("");
    }

    /**
     * A lookup with private access to {@code type}, for its accessors and canonical constructor:
     * its module must be open to this library's (every package of the class path is); else the
     * public lookup, which suffices for a public record of an exported package.
     */
    static MethodHandles.Lookup lookupFor(Class<?> type) {
        Module own = Schemas.class.getModule();
        if (!own.canRead(type.getModule())) {
            own.addReads(type.getModule());
        }
        try {
            return MethodHandles.privateLookupIn(type, MethodHandles.lookup());
        } catch (IllegalAccessException e) {
            return MethodHandles.publicLookup();
        }
    }

    private static synchronized TypeSchema build(Class<?> root) {
        TypeSchema done = BUILT.get(root);
        if (done != null) {
            return done;
        }
        Map<Class<?>, TypeSchema> fresh = new LinkedHashMap<>();
        declare(root, fresh);
        for (TypeSchema s : fresh.values()) {
            List<Class<?>> types = new ArrayList<>();
            collectShape(s.type, types, fresh);
            s.completeShape(types, types.stream().map(t -> schemaOf(t, fresh).declaration).collect(Collectors.joining(";")));
        }
        for (TypeSchema s : fresh.values()) {
            if (s instanceof RecordSchema r) {
                r.link(t -> schemaOf(t, fresh));
            }
        }
        BUILT.putAll(fresh);
        return fresh.get(root);
    }

    /** Makes a schema (declaration only) for {@code type} and every record or enum it names that has none yet. */
    private static void declare(Class<?> type, Map<Class<?>, TypeSchema> fresh) {
        if (BUILT.containsKey(type) || fresh.containsKey(type)) {
            return;
        }
        if (type.isEnum()) {
            fresh.put(type, new EnumSchema(type));
        } else if (type.isRecord()) {
            RecordSchema r = new RecordSchema(type);
            fresh.put(type, r);
            for (Class<?> named : r.namedTypes()) {
                declare(named, fresh);
            }
        } else {
            throw new IllegalArgumentException(type.getName() + " is neither a record nor an enum");
        }
    }

    /** The types of {@code type}'s shape, depth first in declaration order, each once. */
    private static void collectShape(Class<?> type, List<Class<?>> into, Map<Class<?>, TypeSchema> fresh) {
        if (into.contains(type)) {
            return;
        }
        into.add(type);
        if (schemaOf(type, fresh) instanceof RecordSchema r) {
            for (Class<?> named : r.namedTypes()) {
                collectShape(named, into, fresh);
            }
        }
    }

    private static TypeSchema schemaOf(Class<?> type, Map<Class<?>, TypeSchema> fresh) {
        TypeSchema s = fresh.get(type);
        return s != null ? s : BUILT.get(type);
    }
}
