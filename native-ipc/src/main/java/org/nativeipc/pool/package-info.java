/**
 * A pool of worker processes: {@link org.nativeipc.pool.ProcessPool}, Python's
 * {@code multiprocessing.Pool} and a Java {@link java.util.concurrent.ExecutorService}, with
 * {@link org.nativeipc.pool.ProcessCallable} and {@link org.nativeipc.pool.ProcessFunction} as
 * its serializable tasks.
 *
 * <p>The parent dispatches every task to a chosen worker over a pair of rings in shared memory
 * (see {@code PoolProtocol}), and each worker marks in shared memory the task it starts, so that
 * the death of a worker fails exactly the task it was running
 * ({@link org.nativeipc.pool.WorkerDiedException}) and nothing waits forever.
 */
package org.nativeipc.pool;
