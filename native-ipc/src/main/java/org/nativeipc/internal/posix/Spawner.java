package org.nativeipc.internal.posix;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.byref.IntByReference;

/**
 * Starts a program with {@code posix_spawnp}: the safe fork+exec for a multi-threaded JVM.
 *
 * <p>Unlike jnr-posix's own spawn, the child gets exactly the descriptors asked for — stdin from
 * {@code /dev/null}, stdout and stderr inherited (or stderr from {@link #standardError}), and
 * the ones passed to {@link #passDescriptor}
 * — with every other descriptor closed; an empty signal mask (a Java thread blocks SIGQUIT,
 * which a plain spawn would pass on); and every signal at its default disposition. Failures
 * carry the real errno.
 */
public final class Spawner {
    /** Enough for glibc's 80-byte file actions and 336-byte attributes, and macOS's pointers. */
    private static final int OPAQUE_STRUCT_BYTES = 1024;
    /** glibc's sigset_t is 128 bytes, macOS's 4. */
    private static final int SIGSET_BYTES = 256;
    private static final int O_RDONLY = 0;
    private static final int O_RDWR = 2;
    private static final String DEV_NULL = "/dev/null";
    private static final int STDIN = 0;
    private static final int STDERR = 2;

    private final List<String> command;
    private final Map<String, String> environment = new LinkedHashMap<>();
    /** child descriptor -> parent descriptor */
    private final Map<Integer, Integer> passed = new LinkedHashMap<>();
    /** Child descriptors opened on {@code /dev/null}. */
    private final java.util.Set<Integer> devNulls = new java.util.TreeSet<>();
    private boolean newProcessGroup;

    private Spawner(List<String> command) {
        this.command = List.copyOf(command);
    }

    /** A spawn of {@code command} (program first; looked up on PATH when it has no slash). */
    public static Spawner of(List<String> command) {
        Objects.requireNonNull(command, "command");
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command is empty: give at least the program to run");
        }
        return new Spawner(command);
    }

    /** The child's environment (replaces, not adds); by default the parent's. */
    public Spawner environment(Map<String, String> env) {
        environment.clear();
        environment.putAll(env);
        return this;
    }

    /** Makes the parent's {@code parentFd} appear as {@code childFd} (3 or more) in the child. */
    public Spawner passDescriptor(int parentFd, int childFd) {
        if (childFd < 3) {
            throw new IllegalArgumentException("child descriptor " + childFd
                    + " is stdin/stdout/stderr; pass descriptors at 3 or above");
        }
        devNulls.remove(childFd);
        passed.put(childFd, parentFd);
        return this;
    }

    /**
     * Makes the parent's {@code parentFd} the child's stderr (descriptor 2) instead of the
     * parent's own stderr.
     */
    public Spawner standardError(int parentFd) {
        devNulls.remove(STDERR);
        passed.put(STDERR, parentFd);
        return this;
    }

    /**
     * Makes the parent's {@code parentFd} the child's stdin (descriptor 0) instead of
     * {@code /dev/null}: with a socket there, the child JVM's {@code System.inheritedChannel()}
     * is that socket, as for a server started by inetd.
     */
    public Spawner standardInput(int parentFd) {
        devNulls.remove(STDIN);
        passed.put(STDIN, parentFd);
        return this;
    }

    /**
     * Opens {@code /dev/null} (for reading and writing) as the child's {@code childFd}, in place
     * of whatever it would get otherwise: for a child whose output nobody wants.
     */
    public Spawner devNull(int childFd) {
        if (childFd < 0) {
            throw new IllegalArgumentException("descriptor " + childFd + " is negative");
        }
        passed.remove(childFd);
        devNulls.add(childFd);
        return this;
    }

    /** Puts the child in a new process group of its own (so terminal signals skip it). */
    public Spawner newProcessGroup(boolean value) {
        this.newProcessGroup = value;
        return this;
    }

    /**
     * Starts the child.
     *
     * @return its pid
     * @throws NativeCallException with errno if the spawn failed (ENOENT for a missing program)
     */
    public long spawn() {
        LibC libc = Posix.libc();
        jnr.ffi.Runtime runtime = Posix.runtime();
        OperatingSystem os = OperatingSystem.current();
        Pointer actions = Memory.allocateDirect(runtime, OPAQUE_STRUCT_BYTES, true);
        Pointer attr = Memory.allocateDirect(runtime, OPAQUE_STRUCT_BYTES, true);
        check("posix_spawn_file_actions_init", libc.posix_spawn_file_actions_init(actions));
        try {
            check("posix_spawnattr_init", libc.posix_spawnattr_init(attr));
            try {
                addFileActions(libc, actions, os);
                setAttributes(libc, runtime, attr, os);
                Map<String, String> env = environment.isEmpty() ? System.getenv() : environment;
                List<String> envStrings = new ArrayList<>(env.size());
                env.forEach((k, v) -> envStrings.add(k + "=" + v));
                IntByReference pid = new IntByReference();
                List<Pointer> strings = new ArrayList<>();
                int rc = libc.posix_spawnp(pid, command.get(0), actions, attr,
                        cStringArray(runtime, command, strings), cStringArray(runtime, envStrings, strings));
                java.lang.ref.Reference.reachabilityFence(strings);
                if (rc != 0) {
                    throw new NativeCallException("posix_spawnp(" + command.get(0) + ")", rc);
                }
                return pid.intValue();
            } finally {
                libc.posix_spawnattr_destroy(attr);
            }
        } finally {
            libc.posix_spawn_file_actions_destroy(actions);
        }
    }

    private void addFileActions(LibC libc, Pointer actions, OperatingSystem os) {
        if (!passed.containsKey(STDIN) && !devNulls.contains(STDIN)) {
            check("addopen(/dev/null)", libc.posix_spawn_file_actions_addopen(actions, STDIN, DEV_NULL, O_RDONLY, 0));
        }
        // Two steps so that no source is overwritten before it is copied, whatever the numbers:
        // first every source to a scratch number above all of them, then scratch to target.
        int highest = 2;
        for (Map.Entry<Integer, Integer> e : passed.entrySet()) {
            highest = Math.max(highest, Math.max(e.getKey(), e.getValue()));
        }
        int scratch = highest + 1;
        List<Integer> targets = new ArrayList<>(passed.keySet());
        for (int i = 0; i < targets.size(); i++) {
            check("adddup2", libc.posix_spawn_file_actions_adddup2(actions, passed.get(targets.get(i)), scratch + i));
        }
        for (int i = 0; i < targets.size(); i++) {
            check("adddup2", libc.posix_spawn_file_actions_adddup2(actions, scratch + i, targets.get(i)));
        }
        int highestTarget = Math.max(targets.stream().mapToInt(Integer::intValue).max().orElse(STDERR),
                devNulls.stream().mapToInt(Integer::intValue).max().orElse(STDERR));
        if (os == OperatingSystem.LINUX) {
            // Close what lies between stdio and the highest target but is not a target, then
            // everything above it.
            for (int fd = 3; fd < highestTarget; fd++) {
                if (!passed.containsKey(fd) && !devNulls.contains(fd)) {
                    check("addclose", libc.posix_spawn_file_actions_addclose(actions, fd));
                }
            }
            openDevNulls(libc, actions);
            closeFrom(libc, actions, highestTarget + 1);
        } else {
            // POSIX_SPAWN_CLOEXEC_DEFAULT closes everything not named; name stdout and stderr.
            check("addinherit_np(1)", libc.posix_spawn_file_actions_addinherit_np(actions, 1));
            check("addinherit_np(2)", libc.posix_spawn_file_actions_addinherit_np(actions, STDERR));
            openDevNulls(libc, actions);
        }
    }

    private void openDevNulls(LibC libc, Pointer actions) {
        for (int fd : devNulls) {
            check("addopen(" + DEV_NULL + ")", libc.posix_spawn_file_actions_addopen(actions, fd, DEV_NULL, O_RDWR, 0));
        }
    }

    private static void closeFrom(LibC libc, Pointer actions, int lowFd) {
        try {
            check("addclosefrom_np", libc.posix_spawn_file_actions_addclosefrom_np(actions, lowFd));
        } catch (UnsatisfiedLinkError olderThanGlibc234) {
            // Without closefrom the child still works; it merely inherits the JVM's descriptors.
        }
    }

    private void setAttributes(LibC libc, jnr.ffi.Runtime runtime, Pointer attr, OperatingSystem os) {
        // posix_spawnattr_setsig* copy the sets into attr, so these may be freed afterwards.
        Pointer emptySet = Memory.allocateDirect(runtime, SIGSET_BYTES, true);
        Pointer fullSet = Memory.allocateDirect(runtime, SIGSET_BYTES, true);
        check("sigemptyset", libc.sigemptyset(emptySet));
        check("sigfillset", libc.sigfillset(fullSet));
        check("setsigmask", libc.posix_spawnattr_setsigmask(attr, emptySet));
        check("setsigdefault", libc.posix_spawnattr_setsigdefault(attr, fullSet));
        short flags = (short) (OperatingSystem.SPAWN_SET_SIGNAL_MASK | OperatingSystem.SPAWN_SET_SIGNAL_DEFAULTS);
        if (newProcessGroup) {
            flags |= OperatingSystem.SPAWN_SET_PROCESS_GROUP;
            check("setpgroup", libc.posix_spawnattr_setpgroup(attr, 0));
        }
        if (os == OperatingSystem.MACOS) {
            flags |= OperatingSystem.SPAWN_CLOSE_ON_EXEC_DEFAULT_MACOS;
        }
        check("setflags", libc.posix_spawnattr_setflags(attr, flags));
    }

    /**
     * A NULL-terminated {@code char *[]} of NUL-terminated UTF-8 strings. The strings' memory is
     * added to {@code keepAlive}: it is freed when collected, so it must stay reachable until
     * the call that reads it returns.
     */
    private static Pointer cStringArray(jnr.ffi.Runtime runtime, List<String> strings, List<Pointer> keepAlive) {
        int pointerSize = runtime.addressSize();
        Pointer array = Memory.allocateDirect(runtime, (strings.size() + 1) * pointerSize, true);
        for (int i = 0; i < strings.size(); i++) {
            byte[] bytes = strings.get(i).getBytes(StandardCharsets.UTF_8);
            Pointer s = Memory.allocateDirect(runtime, bytes.length + 1, true);
            s.put(0, bytes, 0, bytes.length);
            keepAlive.add(s);
            array.putPointer((long) i * pointerSize, s);
        }
        return array;
    }

    private static void check(String call, int rc) {
        if (rc != 0) {
            throw new NativeCallException(call, rc);
        }
    }
}
