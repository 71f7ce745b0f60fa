package org.nativeipc.codec;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The declared type of a record component whose values are written with their own tags (any
 * type but primitives, {@code String}, records and enums): what is read must be an instance of
 * it, and so must the elements of a {@code List<X>}, {@code Set<X>}, {@code Optional<X>} and the
 * keys and values of a {@code Map<K, V>} when X, K, V are classes. A message cannot put a value
 * of another type into a record (a record of this process's own shape, its fingerprint says).
 */
final class DeclaredType {
    private final String where;
    private final String declared;
    private final Class<?> erased;
    private final Class<?> element;
    private final Class<?> key;
    private final Class<?> value;

    DeclaredType(Class<?> record, RecordComponent component) {
        this.where = "component '" + component.getName() + "' of " + record.getName();
        this.declared = Schemas.typeText(component.getGenericType());
        this.erased = component.getType();
        Type generic = component.getGenericType();
        Type[] args = generic instanceof ParameterizedType p ? p.getActualTypeArguments() : new Type[0];
        boolean oneArgument = Collection.class.isAssignableFrom(erased) || erased == Optional.class;
        this.element = oneArgument && args.length == 1 ? classOf(args[0]) : null;
        boolean map = Map.class.isAssignableFrom(erased) && args.length == 2;
        this.key = map ? classOf(args[0]) : null;
        this.value = map ? classOf(args[1]) : null;
    }

    /** The class a type argument stands for, if it is one (or a wildcard bounded by one); else null (no check). */
    private static Class<?> classOf(Type t) {
        if (t instanceof WildcardType w && w.getLowerBounds().length == 0 && w.getUpperBounds().length == 1) {
            t = w.getUpperBounds()[0];
        }
        if (t instanceof ParameterizedType p) {
            t = p.getRawType();
        }
        return t instanceof Class<?> c && c != Object.class ? c : null;
    }

    /** Reads a tagged value and checks it against the declaration. */
    Object read(ValueReader in) {
        Object v = in.readValue();
        if (v == null) {
            return null;
        }
        check(in, v, erased);
        if (element != null) {
            if (v instanceof Collection<?> c) {
                for (Object e : c) {
                    check(in, e, element);
                }
            } else if (v instanceof Optional<?> o && o.isPresent()) {
                check(in, o.get(), element);
            }
        }
        if ((key != null || value != null) && v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                check(in, e.getKey(), key);
                check(in, e.getValue(), value);
            }
        }
        return v;
    }

    private void check(ValueReader in, Object v, Class<?> expected) {
        if (v != null && expected != null && !expected.isInstance(v)) {
            throw in.refused(where + " is declared " + declared + " in this process, and the message puts a "
                    + v.getClass().getName() + " in it");
        }
    }
}
