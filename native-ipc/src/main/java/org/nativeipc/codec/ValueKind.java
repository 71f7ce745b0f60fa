package org.nativeipc.codec;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.IdentityHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.RandomAccess;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.WeakHashMap;

/**
 * How the {@link DefaultCodec} writes a value of a class, decided once per class.
 *
 * <p>Collections: a {@code List}, {@code Set} or {@code Map} of the JDK's own plain kinds
 * ({@code ArrayList}, {@code List.of}, {@code HashMap}, {@code LinkedHashSet}, unmodifiable
 * views, ...) is written element by element and read back as an {@code ArrayList},
 * {@code LinkedHashSet} or {@code LinkedHashMap} (iteration order kept), a sorted one with
 * natural ordering as a {@code TreeSet} or {@code TreeMap}. Collections whose class carries
 * behaviour of its own ({@code LinkedList}, {@code EnumSet}, {@code IdentityHashMap}, a
 * comparator, a user's subclass) keep their exact class through Java serialization instead.
 */
enum ValueKind {
    STRING, INT, LONG, DOUBLE, FLOAT, SHORT, BYTE, CHAR, BOOLEAN, BYTES,
    INT_ARRAY, LONG_ARRAY, DOUBLE_ARRAY, FLOAT_ARRAY, SHORT_ARRAY, CHAR_ARRAY, BOOLEAN_ARRAY,
    RECORD, ENUM, LIST, SET, SORTED_SET, MAP, SORTED_MAP, OPTIONAL, JDK_VALUE, SERIALIZABLE, UNSUPPORTED;

    /** Collection classes of java.util with behaviour beyond their elements: they keep their class. */
    private static final List<Class<?>> KEEP_CLASS = List.of(LinkedList.class, ArrayDeque.class, PriorityQueue.class,
            EnumSet.class, EnumMap.class, IdentityHashMap.class, WeakHashMap.class, Hashtable.class);

    private static final ClassValue<ValueKind> KINDS = new ClassValue<>() {
        @Override
        protected ValueKind computeValue(Class<?> type) {
            return classify(type);
        }
    };

    static ValueKind of(Class<?> type) {
        return KINDS.get(type);
    }

    private static ValueKind classify(Class<?> c) {
        ValueKind simple = simple(c);
        if (simple != null) {
            return simple;
        }
        if (c.isRecord()) {
            return RECORD;
        }
        if (Enum.class.isAssignableFrom(c)) {
            return ENUM;
        }
        if (c == Optional.class) {
            return OPTIONAL;
        }
        if (JdkValues.tagOf(c) >= 0) {
            return JDK_VALUE;
        }
        if (c.getPackageName().equals("java.util") && KEEP_CLASS.stream().noneMatch(k -> k.isAssignableFrom(c))) {
            if (SortedSet.class.isAssignableFrom(c)) {
                return SORTED_SET;
            }
            if (SortedMap.class.isAssignableFrom(c)) {
                return SORTED_MAP;
            }
            if (List.class.isAssignableFrom(c) && RandomAccess.class.isAssignableFrom(c)) {
                return LIST;
            }
            if (Set.class.isAssignableFrom(c)) {
                return SET;
            }
            if (Map.class.isAssignableFrom(c)) {
                return MAP;
            }
        }
        return Serializable.class.isAssignableFrom(c) ? SERIALIZABLE : UNSUPPORTED;
    }

    private static ValueKind simple(Class<?> c) {
        if (c == String.class) {
            return STRING;
        } else if (c == Integer.class) {
            return INT;
        } else if (c == Long.class) {
            return LONG;
        } else if (c == Double.class) {
            return DOUBLE;
        } else if (c == Float.class) {
            return FLOAT;
        } else if (c == Short.class) {
            return SHORT;
        } else if (c == Byte.class) {
            return BYTE;
        } else if (c == Character.class) {
            return CHAR;
        } else if (c == Boolean.class) {
            return BOOLEAN;
        } else if (c == byte[].class) {
            return BYTES;
        } else if (c == int[].class) {
            return INT_ARRAY;
        } else if (c == long[].class) {
            return LONG_ARRAY;
        } else if (c == double[].class) {
            return DOUBLE_ARRAY;
        } else if (c == float[].class) {
            return FLOAT_ARRAY;
        } else if (c == short[].class) {
            return SHORT_ARRAY;
        } else if (c == char[].class) {
            return CHAR_ARRAY;
        } else if (c == boolean[].class) {
            return BOOLEAN_ARRAY;
        }
        return null;
    }
}
