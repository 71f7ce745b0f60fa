package org.nativeipc.internal.posix;

import jnr.constants.platform.Errno;

/**
 * A C library call failed. Carries the call, errno and errno's symbolic name, so a message
 * reads {@code posix_spawnp(java) failed: ENOENT (No such file or directory)}.
 */
public final class NativeCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int errno;

    public NativeCallException(String call, int errno) {
        super(call + " failed: " + describe(errno));
        this.errno = errno;
    }

    /** The errno value the call reported. */
    public int errno() {
        return errno;
    }

    /** The symbolic name of errno, such as {@code EAGAIN}, or {@code errno N} if unknown. */
    public String errnoName() {
        return nameOf(errno);
    }

    static String nameOf(int errno) {
        Errno e = Errno.valueOf(errno);
        return e == Errno.__UNKNOWN_CONSTANT__ ? "errno " + errno : e.name();
    }

    static String describe(int errno) {
        Errno e = Errno.valueOf(errno);
        return e == Errno.__UNKNOWN_CONSTANT__ ? "errno " + errno : e.name() + " (" + e.description() + ")";
    }
}
