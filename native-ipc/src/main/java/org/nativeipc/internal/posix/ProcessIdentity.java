package org.nativeipc.internal.posix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A process named so that a recycled pid cannot pass for it: its pid plus a start token, a
 * number fixed for the life of the process (on Linux the start time in clock ticks since boot
 * from {@code /proc/<pid>/stat}; elsewhere the start instant in milliseconds). Shared
 * structures record the identity of an owner; others ask {@link #isAlive()} to find dead ones.
 *
 * <p>A zombie (ended, not yet reaped) counts as dead: its pid still exists but it will never
 * release anything.
 *
 * @param pid the process id
 * @param startToken the start token; 0 when unknown (then only the pid is compared)
 */
public record ProcessIdentity(long pid, long startToken) {
    private static final ProcessIdentity CURRENT = ofRunning(ProcessHandle.current().pid())
            .orElseGet(() -> new ProcessIdentity(ProcessHandle.current().pid(), 0));
    /** Fields after the command in /proc/pid/stat: index 0 is the state (field 3). */
    private static final int STATE_INDEX = 0;
    /** Field 22 (starttime) of /proc/pid/stat, counted from field 3. */
    private static final int START_TIME_INDEX = 19;

    /** This process. */
    public static ProcessIdentity current() {
        return CURRENT;
    }

    /** The identity of a running (not zombie) process, or empty if there is none with that pid. */
    public static Optional<ProcessIdentity> ofRunning(long pid) {
        if (pid <= 0) {
            return Optional.empty();
        }
        if (OperatingSystem.current() == OperatingSystem.LINUX) {
            return fromProcStat(pid, false);
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(h -> new ProcessIdentity(pid,
                h.info().startInstant().map(Instant::toEpochMilli).orElse(0L)));
    }

    /**
     * The identity of a child of this process that may have ended but is not reaped yet (a
     * zombie keeps its pid and start time until its parent reaps it), or empty if unknown.
     */
    public static Optional<ProcessIdentity> ofUnreapedChild(long pid) {
        if (OperatingSystem.current() == OperatingSystem.LINUX) {
            return fromProcStat(pid, true);
        }
        return ProcessHandle.of(pid).map(h -> new ProcessIdentity(pid,
                h.info().startInstant().map(Instant::toEpochMilli).orElse(0L)));
    }

    /** True while this very process runs: same pid, same start token, not a zombie. */
    public boolean isAlive() {
        Optional<ProcessIdentity> now = ofRunning(pid);
        return now.isPresent() && (startToken == 0 || now.get().startToken == 0
                || now.get().startToken == startToken);
    }

    private static Optional<ProcessIdentity> fromProcStat(long pid, boolean zombieToo) {
        String stat;
        try {
            stat = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "stat")),
                    StandardCharsets.US_ASCII);
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException e) {
            // ESRCH while reading means the process went away mid-read.
            return Optional.empty();
        }
        // The command (field 2) is in parentheses and may itself contain spaces or ')'.
        int afterCommand = stat.lastIndexOf(')');
        if (afterCommand < 0 || afterCommand + 2 > stat.length()) {
            return Optional.empty();
        }
        String[] fields = stat.substring(afterCommand + 2).split(" ");
        if (fields.length <= START_TIME_INDEX) {
            return Optional.empty();
        }
        String state = fields[STATE_INDEX];
        if (!zombieToo && (state.equals("Z") || state.equals("X") || state.equals("x"))) {
            return Optional.empty();
        }
        return Optional.of(new ProcessIdentity(pid, Long.parseLong(fields[START_TIME_INDEX])));
    }
}
