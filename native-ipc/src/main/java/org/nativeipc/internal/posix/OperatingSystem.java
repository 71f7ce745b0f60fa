package org.nativeipc.internal.posix;

import java.util.Locale;

/**
 * The platforms native-ipc runs on, and the few constants that differ between them. Every
 * platform choice of the library goes through here, so porting means editing one place.
 */
public enum OperatingSystem {
    LINUX(0x0100_0000, 0x80000),
    MACOS(0x20, 0);

    /** {@code waitid} option that leaves the child waitable (not reaped). */
    final int waitNoWait;
    /** {@code O_CLOEXEC} for {@code pipe2}; 0 where {@code pipe2} does not exist. */
    final int openCloseOnExec;

    /** {@code P_PID} for {@code waitid}; the same on Linux and macOS. */
    static final int P_PID = 1;
    /** {@code WEXITED}; the same on Linux and macOS. */
    static final int WAIT_EXITED = 4;
    /** {@code WNOHANG}; the same on Linux and macOS. */
    static final int WAIT_NO_HANG = 1;
    /** {@code POSIX_SPAWN_SETPGROUP}, {@code _SETSIGDEF}, {@code _SETSIGMASK}: the same on both. */
    static final short SPAWN_SET_PROCESS_GROUP = 0x02;
    static final short SPAWN_SET_SIGNAL_DEFAULTS = 0x04;
    static final short SPAWN_SET_SIGNAL_MASK = 0x08;
    /** macOS {@code POSIX_SPAWN_CLOEXEC_DEFAULT}: only descriptors named in file actions survive. */
    static final short SPAWN_CLOSE_ON_EXEC_DEFAULT_MACOS = 0x4000;

    OperatingSystem(int waitNoWait, int openCloseOnExec) {
        this.waitNoWait = waitNoWait;
        this.openCloseOnExec = openCloseOnExec;
    }

    private static final OperatingSystem CURRENT = detect(System.getProperty("os.name", ""));

    /** The platform this JVM runs on. */
    public static OperatingSystem current() {
        if (CURRENT == null) {
            throw new UnsupportedOperationException("native-ipc runs on Linux and macOS; this is "
                    + System.getProperty("os.name") + " (" + System.getProperty("os.arch") + ")");
        }
        return CURRENT;
    }

    static OperatingSystem detect(String osName) {
        String name = osName.toLowerCase(Locale.ROOT);
        if (name.contains("linux")) {
            return LINUX;
        }
        if (name.contains("mac") || name.contains("darwin")) {
            return MACOS;
        }
        return null;
    }
}
