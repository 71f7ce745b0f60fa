/**
 * The robust mutual exclusion under every lock of the library ({@link org.nativeipc.internal.sync.RobustMutex}:
 * a lock word holding the owner's liveness token, taken over when that process dies) and the
 * waiter that checks for dead holders while it waits. Not public API.
 */
package org.nativeipc.internal.sync;
