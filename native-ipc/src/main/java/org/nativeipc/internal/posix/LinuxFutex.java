package org.nativeipc.internal.posix;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * Linux {@code futex(2)} through {@code syscall(2)}. The operations are the shared
 * (non-private) ones: {@code FUTEX_PRIVATE_FLAG} would key the word by this process's address
 * space and wake nobody in another process.
 */
final class LinuxFutex implements Futex {
    private static final int FUTEX_WAIT = 0;
    private static final int FUTEX_WAKE = 1;
    private static final long SYS_FUTEX = "aarch64".equals(System.getProperty("os.arch")) ? 98 : 202;
    private static final int EAGAIN = jnr.constants.platform.Errno.EAGAIN.intValue();
    private static final int EINTR = jnr.constants.platform.Errno.EINTR.intValue();
    private static final int ETIMEDOUT = jnr.constants.platform.Errno.ETIMEDOUT.intValue();
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int TIMESPEC_BYTES = 16;

    private final LibC libc = Posix.libc();
    /** One {@code struct timespec} per thread for relative timeouts. */
    private final ThreadLocal<Pointer> timespec =
            ThreadLocal.withInitial(() -> Memory.allocateDirect(Posix.runtime(), TIMESPEC_BYTES, true));

    @Override
    public boolean await(long address, int expected, long timeoutNanos) {
        long timeoutAddress = 0;
        if (timeoutNanos != Long.MAX_VALUE) {
            if (timeoutNanos <= 0) {
                return false;
            }
            Pointer ts = timespec.get();
            ts.putLong(0, timeoutNanos / NANOS_PER_SECOND);
            ts.putLong(8, timeoutNanos % NANOS_PER_SECOND);
            timeoutAddress = ts.address();
        }
        long rc = libc.syscall(SYS_FUTEX, address, FUTEX_WAIT, expected & 0xFFFF_FFFFL, timeoutAddress, 0, 0);
        if (rc == 0) {
            return true;
        }
        int errno = Posix.lastErrno();
        if (errno == ETIMEDOUT) {
            return false;
        }
        if (errno == EAGAIN || errno == EINTR) {
            return true;
        }
        throw new NativeCallException("futex(FUTEX_WAIT, 0x" + Long.toHexString(address) + ")", errno);
    }

    @Override
    public void wake(long address, int count) {
        if (libc.syscall(SYS_FUTEX, address, FUTEX_WAKE, count, 0, 0, 0) < 0) {
            throw new NativeCallException("futex(FUTEX_WAKE, 0x" + Long.toHexString(address) + ")", Posix.lastErrno());
        }
    }
}
