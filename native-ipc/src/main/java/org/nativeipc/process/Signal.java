package org.nativeipc.process;

/**
 * POSIX signals, numbered as on the running platform (the numbers of SIGUSR1, SIGCHLD, SIGSTOP
 * and others differ between Linux and macOS; they come from jnr-constants).
 */
public enum Signal {
    /** Hangup: the controlling terminal closed; a native-ipc child ends as if terminated. */
    SIGHUP,
    /** Interrupt (Ctrl-C); a native-ipc child ends as if terminated, with exit code −2. */
    SIGINT,
    /** Quit; the JVM takes it to print a thread dump. */
    SIGQUIT,
    /** Illegal instruction (the JVM's). */
    SIGILL,
    /** Trace or breakpoint trap (the JVM's). */
    SIGTRAP,
    /** Abort. */
    SIGABRT,
    /** Bus error (the JVM's). */
    SIGBUS,
    /** Arithmetic error (the JVM's). */
    SIGFPE,
    /** Kill: cannot be caught; {@link ChildProcess#kill()} sends it (exit code −9). */
    SIGKILL,
    /** User-defined signal 1. */
    SIGUSR1,
    /** Invalid memory reference (the JVM's). */
    SIGSEGV,
    /** User-defined signal 2. */
    SIGUSR2,
    /** Write to a pipe with no reader. */
    SIGPIPE,
    /** Timer alarm. */
    SIGALRM,
    /** Termination request; {@link ChildProcess#terminate()} sends it (exit code −15). */
    SIGTERM,
    /** A child process stopped or ended. */
    SIGCHLD,
    /** Continue after a stop. */
    SIGCONT,
    /** Stop: cannot be caught. */
    SIGSTOP,
    /** Stop from the terminal (Ctrl-Z). */
    SIGTSTP,
    /** Background read from the terminal. */
    SIGTTIN,
    /** Background write to the terminal. */
    SIGTTOU,
    /** Urgent data on a socket. */
    SIGURG,
    /** CPU time limit exceeded. */
    SIGXCPU,
    /** File size limit exceeded. */
    SIGXFSZ,
    /** Virtual timer alarm. */
    SIGVTALRM,
    /** Profiling timer alarm. */
    SIGPROF,
    /** Terminal window size changed. */
    SIGWINCH,
    /** I/O possible on a descriptor. */
    SIGIO,
    /** Bad system call. */
    SIGSYS;

    private int number;

    /**
     * This signal's number on the running platform.
     *
     * @return the number, such as 15 for SIGTERM
     * @throws UnsupportedOperationException if the platform has no such signal
     */
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

    /**
     * The short name without {@code SIG}, as {@code kill -l} prints it.
     *
     * @return the name without its {@code SIG} prefix, such as {@code TERM}
     */
    public String shortName() {
        return name().substring(3);
    }

    /**
     * The signal with this number on the running platform.
     *
     * @param number a signal number of the running platform
     * @return the signal
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
