package org.nativeipc.process;

/**
 * POSIX signals, numbered as on the running platform (the numbers of SIGUSR1, SIGCHLD, SIGSTOP
 * and others differ between Linux and macOS; they come from jnr-constants).
 */
public enum Signal {
    SIGHUP, SIGINT, SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGKILL, SIGUSR1, SIGSEGV,
    SIGUSR2, SIGPIPE, SIGALRM, SIGTERM, SIGCHLD, SIGCONT, SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU,
    SIGURG, SIGXCPU, SIGXFSZ, SIGVTALRM, SIGPROF, SIGWINCH, SIGIO, SIGSYS;

    private int number;

    /** This signal's number on the running platform. */
    public int number() {
        int n = number;
        if (n == 0) {
            jnr.constants.platform.Signal s = jnr.constants.platform.Signal.valueOf(name());
            if (!s.defined()) {
                throw new UnsupportedOperationException(name() + " does not exist on " + System.getProperty("os.name"));
            }
            n = s.intValue();
            number = n;
        }
        return n;
    }

    /** The short name without {@code SIG}, as {@code kill -l} prints it: {@code TERM}. */
    public String shortName() {
        return name().substring(3);
    }

    /**
     * The signal with this number on the running platform.
     *
     * @throws IllegalArgumentException if no signal listed here has that number
     */
    public static Signal ofNumber(int number) {
        for (Signal s : values()) {
            if (jnr.constants.platform.Signal.valueOf(s.name()).defined() && s.number() == number) {
                return s;
            }
        }
        throw new IllegalArgumentException("no signal with number " + number + " on " + System.getProperty("os.name"));
    }
}
