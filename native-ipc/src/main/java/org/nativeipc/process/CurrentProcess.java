package org.nativeipc.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.nativeipc.internal.posix.OperatingSystem;
import org.nativeipc.internal.posix.Posix;

/**
 * The process this code runs in: Python's {@code current_process()}, {@code os.getpid()} and
 * {@code os.getppid()}. In a JVM started by {@link ChildProcess}, it reports the child's name
 * and daemon flag; in any other JVM, the name is {@code "MainProcess"}.
 */
public final class CurrentProcess {
    /** Python's name for a process not started by multiprocessing. */
    public static final String MAIN_PROCESS_NAME = "MainProcess";
    /** Field 4 (ppid) of /proc/self/stat, counted from field 3 (after the command). */
    private static final int PPID_INDEX = 1;

    private static volatile String name = MAIN_PROCESS_NAME;
    private static volatile boolean child;
    private static volatile boolean daemon;
    /** Python's {@code _identity}: "1:2" for the second child of the first child. */
    private static volatile String identity = "";

    private CurrentProcess() {
    }

    /**
     * This process's id.
     *
     * @return the pid
     */
    public static long pid() {
        return ProcessHandle.current().pid();
    }

    /**
     * The parent's pid as the kernel reports it now ({@code getppid}): once the parent has died
     * this is the process that adopted this one (often 1).
     *
     * @return the parent's pid
     */
    public static long parentPid() {
        if (OperatingSystem.current() == OperatingSystem.LINUX) {
            // Reading /proc avoids binding the C library (slow in a fresh JVM) for one number.
            try {
                String stat = new String(Files.readAllBytes(Path.of("/proc/self/stat")), StandardCharsets.US_ASCII);
                return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[PPID_INDEX]);
            } catch (IOException | RuntimeException e) {
                return Posix.parentPid();
            }
        }
        return Posix.parentPid();
    }

    /**
     * This process's name.
     *
     * @return the child's name in a child, {@value #MAIN_PROCESS_NAME} otherwise
     */
    public static String name() {
        return name;
    }

    /**
     * Whether this JVM is a child.
     *
     * @return true in a JVM started by {@link ChildProcess}
     */
    public static boolean isChild() {
        return child;
    }

    /**
     * Whether this JVM is a daemon child (which may not start children of its own).
     *
     * @return true in a daemon child
     */
    public static boolean isDaemon() {
        return daemon;
    }

    /**
     * The children this process started that are still running (Python's
     * {@code active_children()}), in no particular order.
     *
     * @return a snapshot of the live children
     */
    public static java.util.List<ChildProcess> activeChildren() {
        return Children.active();
    }

    /** Python's {@code _identity} joined with ':' ("" in the main process). */
    static String identity() {
        return identity;
    }

    /** Called once by the child bootstrap, before the task runs. */
    static void becomeChild(String childName, boolean childDaemon, String childIdentity) {
        name = childName;
        daemon = childDaemon;
        identity = childIdentity;
        child = true;
    }
}
