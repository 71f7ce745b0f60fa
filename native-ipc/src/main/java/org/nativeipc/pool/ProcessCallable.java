package org.nativeipc.pool;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A task that runs in a worker of a {@link ProcessPool} and returns a result: the Java
 * counterpart of the function given to Python's {@code Pool.apply}. A lambda or method
 * reference assigned to this type is serializable, so it travels to the worker with everything
 * it captures; shared objects (queues, locks) travel as handles and re-attach there.
 *
 * <pre>{@code
 * int n = 7;
 * ProcessCallable<Integer> square = () -> n * n;
 * int result = pool.apply(square);   // 49, computed in a worker process
 * }</pre>
 *
 * <p>What the task captures must be {@link Serializable}; otherwise the pool refuses it when it
 * is submitted, and the message names the captured value that is not.
 *
 * @param <R> the type of the result
 */
@FunctionalInterface
public interface ProcessCallable<R> extends Callable<R>, Serializable {
}
