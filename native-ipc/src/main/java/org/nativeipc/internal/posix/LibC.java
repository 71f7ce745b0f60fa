package org.nativeipc.internal.posix;

import java.nio.ByteBuffer;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.IgnoreError;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.Pinned;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.annotations.Variadic;
import jnr.ffi.byref.IntByReference;

/**
 * The C library functions native-ipc calls, bound once with jnr-ffi. Nothing outside this
 * package calls it: {@link Posix}, {@link Spawner} and the {@link Futex} implementations turn
 * its return codes into exceptions that carry errno.
 *
 * <p>Functions missing on a platform ({@code pipe2}, {@code posix_spawn_file_actions_addclosefrom_np},
 * {@code syscall} on macOS; {@code __ulock_*} on Linux) are bound lazily by jnr-ffi and only
 * called on the platform that has them.
 */
public interface LibC {
    // posix_spawn and its helpers return an errno value instead of setting errno.
    @IgnoreError int posix_spawnp(@Out IntByReference pid, String file, Pointer fileActions, Pointer attr,
                                  Pointer argv, Pointer envp);
    @IgnoreError int posix_spawn_file_actions_init(Pointer fileActions);
    @IgnoreError int posix_spawn_file_actions_destroy(Pointer fileActions);
    @IgnoreError int posix_spawn_file_actions_adddup2(Pointer fileActions, int fd, int newFd);
    @IgnoreError int posix_spawn_file_actions_addclose(Pointer fileActions, int fd);
    @IgnoreError int posix_spawn_file_actions_addopen(Pointer fileActions, int fd, String path, int flags, int mode);
    @IgnoreError int posix_spawn_file_actions_addclosefrom_np(Pointer fileActions, int lowFd);
    @IgnoreError int posix_spawn_file_actions_addinherit_np(Pointer fileActions, int fd);
    @IgnoreError int posix_spawnattr_init(Pointer attr);
    @IgnoreError int posix_spawnattr_destroy(Pointer attr);
    @IgnoreError int posix_spawnattr_setflags(Pointer attr, short flags);
    @IgnoreError int posix_spawnattr_setsigmask(Pointer attr, Pointer sigset);
    @IgnoreError int posix_spawnattr_setsigdefault(Pointer attr, Pointer sigset);
    @IgnoreError int posix_spawnattr_setpgroup(Pointer attr, int processGroup);
    @IgnoreError int sigemptyset(Pointer sigset);
    @IgnoreError int sigfillset(Pointer sigset);

    @SaveError int waitpid(int pid, @Out IntByReference status, int options);
    @SaveError int waitid(int idType, int id, Pointer siginfo, int options);
    @SaveError int kill(int pid, int signal);
    @IgnoreError int getpid();
    @IgnoreError int getppid();

    /** {@code open(2)}: variadic in C (the mode follows the two fixed arguments). */
    @SaveError @Variadic(fixedCount = 2) int open(String path, int flags, int mode);
    @SaveError int flock(int fd, int operation);
    @SaveError int fchmod(int fd, int mode);
    @SaveError int ftruncate(int fd, long length);
    @SaveError int rename(String from, String to);
    @SaveError int link(String existing, String newName);

    @SaveError int pipe(@Out int[] fds);
    @SaveError int pipe2(@Out int[] fds, int flags);
    @SaveError int close(int fd);
    @SaveError long read(int fd, @Out byte[] buffer, long count);
    @SaveError long write(int fd, @In byte[] buffer, long count);
    /** {@code pread(2)} straight into a heap buffer's array (pinned, not copied through native memory). */
    @SaveError long pread(int fd, @Pinned @Out ByteBuffer buffer, long count, long offset);
    /** {@code pwrite(2)} straight from a heap buffer's array (pinned, not copied through native memory). */
    @SaveError long pwrite(int fd, @Pinned @In ByteBuffer buffer, long count, long offset);

    /** {@code getsockname(2)}: {@code length} is the buffer's size in, the address's out. */
    @SaveError int getsockname(int fd, @Out byte[] address, IntByReference length);
    /** {@code getpeername(2)}: fails with ENOTCONN for a socket without a peer (a listening one). */
    @SaveError int getpeername(int fd, @Out byte[] address, IntByReference length);

    /** Linux {@code syscall(2)}; used for futex only. */
    @SaveError long syscall(long number, long arg1, long arg2, long arg3, long arg4, long arg5, long arg6);

    /** macOS private but stable wait-on-address calls (used by libc++ and Swift's runtime). */
    @SaveError int __ulock_wait(int operation, long address, long value, int timeoutMicros);
    @SaveError int __ulock_wake(int operation, long address, long wakeValue);
}
