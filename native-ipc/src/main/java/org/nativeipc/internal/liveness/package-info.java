/**
 * The liveness service: every process that publishes itself into shared memory first makes a
 * record in the shared folder and holds a kernel lock on it for life
 * ({@link org.nativeipc.internal.liveness.Liveness#self()}); anyone asks
 * {@link org.nativeipc.internal.liveness.Liveness#isAlive(long)}, which says "dead" only on
 * proof. Works across PID namespaces that share the folder; never reads {@code /proc}. Not
 * public API.
 */
package org.nativeipc.internal.liveness;
