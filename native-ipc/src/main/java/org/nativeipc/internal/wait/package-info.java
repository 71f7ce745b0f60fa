/**
 * Blocking across processes without a system call on the fast path: spin briefly, then sleep
 * on a futex word, woken only when a sleeper is counted
 * ({@link org.nativeipc.internal.wait.EventCount}). Every blocking structure of the library
 * waits through it. Not public API.
 */
package org.nativeipc.internal.wait;
