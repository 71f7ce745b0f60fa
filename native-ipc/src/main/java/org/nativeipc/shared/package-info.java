/**
 * Shared state between processes: Python's {@code multiprocessing.Value} and {@code Array}
 * ({@link org.nativeipc.shared.SharedLong}, {@link org.nativeipc.shared.SharedDouble},
 * {@link org.nativeipc.shared.SharedLongArray}, {@link org.nativeipc.shared.SharedIntArray},
 * {@link org.nativeipc.shared.SharedDoubleArray}, with the methods of
 * {@code java.util.concurrent.atomic}), {@code shared_memory.SharedMemory}
 * ({@link org.nativeipc.shared.SharedMemory}: raw bytes as a {@code ByteBuffer}) and
 * {@code Manager().dict()} ({@link org.nativeipc.shared.SharedMap}: a {@code ConcurrentMap}
 * off-heap in shared memory, without a server process).
 *
 * <p><b>Sharing.</b> Each object lives in a file of the shared-memory folder, described byte by
 * byte by its {@code *Layout} class. An anonymous object ({@code create(...)}) travels to a child
 * inside a task's captures (it serializes as a handle and re-attaches there; every process has
 * one object per region); its creator's {@code close()} or exit removes the file. A named object
 * ({@code create("hits", ...)}, {@code open}, {@code openOrCreate}, {@code unlink}) reaches
 * independent programs and lives until unlinked, as described in {@link org.nativeipc.sync}.
 *
 * <p><b>Crashes.</b> A process killed at any instruction, SIGKILL included, leaves every object
 * usable and consistent: a value or array element is the old or the new value, never torn (each
 * is one aligned word changed by one atomic instruction); a map entry is the old or the new
 * mapping, {@code size()} agrees with iteration, and no lock stays held (each stripe of the map
 * is guarded by the robust lock under {@link org.nativeipc.sync.SharedLock}, and its next holder
 * replays the dead holder's redo record).
 */
package org.nativeipc.shared;
