/**
 * The native layer: the few C library calls native-ipc needs, bound once with jnr-ffi
 * ({@link org.nativeipc.internal.posix.LibC}) and bound lazily, so a JVM that never calls into
 * C never loads jnr-ffi. Every platform choice lives here: {@code futex} on Linux versus
 * {@code __ulock_wait} on macOS ({@link org.nativeipc.internal.posix.Futex}), descriptor
 * handling of {@code posix_spawn} ({@link org.nativeipc.internal.posix.Spawner}), files locked
 * with {@code flock} ({@link org.nativeipc.internal.posix.LockableFile}), the shared folder
 * ({@link org.nativeipc.internal.posix.SharedFolder}: {@code /dev/shm} or {@code $TMPDIR}), and
 * constants that differ ({@link org.nativeipc.internal.posix.OperatingSystem}). Not public API.
 */
package org.nativeipc.internal.posix;
