package org.nativeipc.internal.posix;

import java.nio.ByteBuffer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Platform;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.byref.IntByReference;

/**
 * The process-level POSIX calls native-ipc needs — pids, signals, waiting for and reaping
 * children, pipes — with errors turned into {@link NativeCallException}s that carry errno.
 *
 * <p>The C library is bound on first use, not when this class loads: a child JVM that never
 * calls into it never pays for jnr-ffi (hundreds of milliseconds in a fresh JVM).
 */
public final class Posix {
    private static final int EINTR = jnr.constants.platform.Errno.EINTR.intValue();
    private static final int ESRCH = jnr.constants.platform.Errno.ESRCH.intValue();
    private static final int ENOENT = jnr.constants.platform.Errno.ENOENT.intValue();
    private static final int EEXIST = jnr.constants.platform.Errno.EEXIST.intValue();
    /** Size of {@code siginfo_t}: 128 bytes on Linux, 104 on macOS; the larger is allocated. */
    private static final int SIGINFO_BYTES = 128;
    /** Most bytes one pread/pwrite moves from or into a pinned array (the pin holds the GC off meanwhile). */
    static final int PINNED_CHUNK_BYTES = 16 << 20;

    private Posix() {
    }

    /** Loads the C library binding (runs on the binder thread). */
    private static final class Loader implements java.util.concurrent.Callable<LibC> {
        @Override
        public LibC call() {
            return LibraryLoader.create(LibC.class).load(Platform.getNativePlatform().getStandardCLibraryName());
        }
    }

    /**
     * Lazily bound C library (initialization-on-demand holder). The binding is made on a thread
     * of its own: jffi extracts its native library with interruptible I/O, and a load attempted
     * by a thread with a pending interrupt would fail for the rest of the JVM's life.
     */
    private static final class Binding {
        static final LibC LIBC = bindOnCleanThread();
        static final Runtime RUNTIME = Runtime.getRuntime(LIBC);

        private static LibC bindOnCleanThread() {
            // Not a lambda: its body would live in this class, whose initialization the binder
            // thread would then wait for while this thread waits for the binder.
            FutureTask<LibC> bind = new FutureTask<>(new Loader());
            Thread binder = new Thread(bind, "nativeipc-bind-libc");
            binder.setDaemon(true);
            binder.start();
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return bind.get();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    } catch (ExecutionException e) {
                        throw new IllegalStateException("cannot bind the C library with jnr-ffi: " + e.getCause(), e.getCause());
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    static LibC libc() {
        return Binding.LIBC;
    }

    static Runtime runtime() {
        return Binding.RUNTIME;
    }

    static int lastErrno() {
        return LastError.getLastError(Binding.RUNTIME);
    }

    /** The native address of a direct (for instance memory-mapped) buffer's first byte. */
    public static long address(ByteBuffer direct) {
        if (!direct.isDirect()) {
            throw new IllegalArgumentException("a heap buffer has no stable native address; give a direct or mapped buffer");
        }
        return jnr.ffi.Pointer.wrap(runtime(), direct).address();
    }

    /** The live parent pid, as {@code getppid(2)} reports it now (1 or a subreaper once orphaned). */
    public static long parentPid() {
        return libc().getppid();
    }

    /**
     * Sends {@code signal} to {@code pid}.
     *
     * @return false if no such process exists (ESRCH); true if the signal was sent
     * @throws NativeCallException for any other failure, such as EPERM
     */
    public static boolean kill(long pid, int signal) {
        if (libc().kill(Math.toIntExact(pid), signal) == 0) {
            return true;
        }
        int errno = lastErrno();
        if (errno == ESRCH) {
            return false;
        }
        throw new NativeCallException("kill(" + pid + ", " + signal + ")", errno);
    }

    /**
     * Blocks until child {@code pid} has ended, without reaping it (waitid with WNOWAIT): the
     * pid stays reserved until {@link #reap} so no signal can reach a recycled pid.
     */
    public static void awaitExitWithoutReaping(long pid) {
        OperatingSystem os = OperatingSystem.current();
        Pointer siginfo = Memory.allocateDirect(runtime(), SIGINFO_BYTES, true);
        while (libc().waitid(OperatingSystem.P_PID, Math.toIntExact(pid), siginfo,
                OperatingSystem.WAIT_EXITED | os.waitNoWait) != 0) {
            int errno = lastErrno();
            if (errno != EINTR) {
                throw new NativeCallException("waitid(" + pid + ")", errno);
            }
        }
    }

    /**
     * Reaps child {@code pid} and returns its exit in Python's convention: the exit status
     * (0–255) if it exited, or minus the signal number if a signal ended it.
     */
    public static int reap(long pid) {
        IntByReference status = new IntByReference();
        while (libc().waitpid(Math.toIntExact(pid), status, 0) < 0) {
            int errno = lastErrno();
            if (errno != EINTR) {
                throw new NativeCallException("waitpid(" + pid + ")", errno);
            }
        }
        return decodeWaitStatus(status.intValue());
    }

    /** Decodes a {@code waitpid} status: exit status if exited, minus the signal if signalled. */
    static int decodeWaitStatus(int status) {
        int termSignal = status & 0x7f;
        if (termSignal == 0) {
            return (status >>> 8) & 0xff;
        }
        return -termSignal;
    }

    /**
     * Creates a pipe whose both ends are close-on-exec where the platform allows it atomically.
     *
     * @return {@code {readFd, writeFd}}
     */
    public static int[] pipe() {
        int[] fds = new int[2];
        OperatingSystem os = OperatingSystem.current();
        int rc = os.openCloseOnExec != 0 ? libc().pipe2(fds, os.openCloseOnExec) : libc().pipe(fds);
        if (rc != 0) {
            throw new NativeCallException("pipe", lastErrno());
        }
        return fds;
    }

    /** Closes {@code fd}; an already-closed descriptor is not an error worth failing over. */
    public static void close(int fd) {
        if (fd >= 0) {
            libc().close(fd);
        }
    }

    /**
     * Reads up to {@code buffer.length} bytes.
     *
     * @return the count read, 0 at end of file
     */
    public static int read(int fd, byte[] buffer) {
        while (true) {
            long n = libc().read(fd, buffer, buffer.length);
            if (n >= 0) {
                return (int) n;
            }
            int errno = lastErrno();
            if (errno != EINTR) {
                throw new NativeCallException("read(fd " + fd + ")", errno);
            }
        }
    }

    /**
     * Writes {@code length} bytes of {@code bytes} from {@code offset} into the file {@code fd} at
     * file offset {@code position} onwards, straight from the array (no copy through a native
     * buffer), retrying short writes and EINTR. Each call pins the array for at most
     * {@link #PINNED_CHUNK_BYTES}.
     */
    public static void writeFullyAt(int fd, long position, byte[] bytes, int offset, int length) {
        for (int done = 0; done < length;) {
            int chunk = Math.min(PINNED_CHUNK_BYTES, length - done);
            long n = libc().pwrite(fd, ByteBuffer.wrap(bytes, offset + done, chunk), chunk, position + done);
            if (n < 0) {
                throwUnlessInterrupted("pwrite(fd " + fd + ", " + chunk + " bytes at " + (position + done) + ")");
                continue;
            }
            done += (int) n;
        }
    }

    /**
     * Reads the file {@code fd} from file offset {@code position} into {@code length} bytes of
     * {@code bytes} from {@code offset}, until they are full or the file ends, straight into the
     * array (no copy through a native buffer), retrying EINTR.
     *
     * @return the count read (less than {@code length} only if the file is shorter)
     */
    public static int readFullyAt(int fd, long position, byte[] bytes, int offset, int length) {
        int done = 0;
        while (done < length) {
            int chunk = Math.min(PINNED_CHUNK_BYTES, length - done);
            long n = libc().pread(fd, ByteBuffer.wrap(bytes, offset + done, chunk), chunk, position + done);
            if (n == 0) {
                break;
            }
            if (n < 0) {
                throwUnlessInterrupted("pread(fd " + fd + ", " + chunk + " bytes at " + (position + done) + ")");
                continue;
            }
            done += (int) n;
        }
        return done;
    }

    /**
     * Renames {@code from} to {@code to} ({@code rename(2)}: atomic; of two processes renaming
     * the same file, exactly one succeeds).
     *
     * @return true if renamed, false if {@code from} does not exist (ENOENT)
     * @throws NativeCallException for any other failure
     */
    public static boolean renameIfPresent(String from, String to) {
        return libc().rename(from, to) == 0 || failedWith(ENOENT, "rename", from, to);
    }

    /**
     * Gives the file {@code existing} the second name {@code newName} ({@code link(2)}), which
     * must be free: unlike a rename, it never replaces a file.
     *
     * @return true if linked, false if {@code newName} exists (EEXIST)
     * @throws NativeCallException for any other failure
     */
    public static boolean linkIfFree(String existing, String newName) {
        return libc().link(existing, newName) == 0 || failedWith(EEXIST, "link", existing, newName);
    }

    /** After {@code call(from, to)} failed: false if it failed with {@code expected}, else throws. */
    private static boolean failedWith(int expected, String call, String from, String to) {
        int errno = lastErrno();
        if (errno != expected) {
            throw new NativeCallException(call + "(" + from + ", " + to + ")", errno);
        }
        return false;
    }

    /**
     * Sets the length of the file {@code fd} ({@code ftruncate(2)}): bytes past it are freed,
     * or zeros appended.
     *
     * @throws NativeCallException if the call fails
     */
    public static void truncate(int fd, long length) {
        while (libc().ftruncate(fd, length) != 0) {
            throwUnlessInterrupted("ftruncate(fd " + fd + ", " + length + ")");
        }
    }

    /** After {@code call} failed: returns if it was interrupted by a signal (EINTR: call it again), else throws. */
    private static void throwUnlessInterrupted(String call) {
        int errno = lastErrno();
        if (errno != EINTR) {
            throw new NativeCallException(call, errno);
        }
    }

    /** Writes all of {@code bytes}, retrying short writes and EINTR. */
    public static void writeFully(int fd, byte[] bytes) {
        int offset = 0;
        while (offset < bytes.length) {
            byte[] rest = offset == 0 ? bytes : java.util.Arrays.copyOfRange(bytes, offset, bytes.length);
            long n = libc().write(fd, rest, rest.length);
            if (n < 0) {
                int errno = lastErrno();
                if (errno == EINTR) {
                    continue;
                }
                throw new NativeCallException("write(fd " + fd + ")", errno);
            }
            offset += (int) n;
        }
    }
}
