package org.nativeipc.pool;

import java.io.Serializable;
import java.util.function.Function;

/**
 * A function that a {@link ProcessPool} applies to many items in its workers: the Java
 * counterpart of the function given to Python's {@code Pool.map}. A lambda or method reference
 * assigned to this type is serializable; the pool sends it to each worker once per
 * {@code map} call, then only the items.
 *
 * <pre>{@code
 * List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3));   // [1, 4, 9]
 * }</pre>
 *
 * @param <T> the type of the items
 * @param <R> the type of the results
 */
@FunctionalInterface
public interface ProcessFunction<T, R> extends Function<T, R>, Serializable {
}
