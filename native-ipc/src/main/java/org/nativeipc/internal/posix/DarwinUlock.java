package org.nativeipc.internal.posix;

/**
 * macOS {@code __ulock_wait}/{@code __ulock_wake} with {@code UL_COMPARE_AND_WAIT_SHARED}, the
 * cross-process variant (available since macOS 10.12). Compiled and reviewed here, but only
 * testable on a Mac.
 */
final class DarwinUlock implements Futex {
    private static final int UL_COMPARE_AND_WAIT_SHARED = 3;
    private static final int ULF_WAKE_ALL = 0x100;
    private static final int EINTR = jnr.constants.platform.Errno.EINTR.intValue();
    private static final int ETIMEDOUT = jnr.constants.platform.Errno.ETIMEDOUT.intValue();
    private static final int ENOENT = jnr.constants.platform.Errno.ENOENT.intValue();
    private static final long NANOS_PER_MICRO = 1_000L;

    private final LibC libc = Posix.libc();

    @Override
    public boolean await(long address, int expected, long timeoutNanos) {
        int timeoutMicros = 0; // 0 means no limit
        if (timeoutNanos != Long.MAX_VALUE) {
            if (timeoutNanos <= 0) {
                return false;
            }
            timeoutMicros = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeoutNanos / NANOS_PER_MICRO));
        }
        int rc = libc.__ulock_wait(UL_COMPARE_AND_WAIT_SHARED, address, expected & 0xFFFF_FFFFL, timeoutMicros);
        if (rc >= 0) {
            return true;
        }
        int errno = Posix.lastErrno();
        if (errno == ETIMEDOUT) {
            return false;
        }
        if (errno == EINTR) {
            return true;
        }
        throw new NativeCallException("__ulock_wait(0x" + Long.toHexString(address) + ")", errno);
    }

    @Override
    public void wake(long address, int count) {
        int operation = UL_COMPARE_AND_WAIT_SHARED | (count > 1 ? ULF_WAKE_ALL : 0);
        if (libc.__ulock_wake(operation, address, 0) < 0) {
            int errno = Posix.lastErrno();
            if (errno != ENOENT) { // ENOENT: nobody was waiting
                throw new NativeCallException("__ulock_wake(0x" + Long.toHexString(address) + ")", errno);
            }
        }
    }
}
