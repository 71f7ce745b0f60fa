package org.nativeipc.internal.liveness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.nativeipc.internal.posix.LockableFile;

/**
 * What a liveness record says about its process, for messages and listings: the pid (in the
 * process's own PID namespace), that namespace, and when the process registered. Never used
 * to judge life or death: that is the record's lock alone.
 *
 * <pre>
 * native-ipc process record
 * pid=1234
 * pid-namespace=pid:[4026531836]
 * registered-ms=1764600000000
 * </pre>
 *
 * @param pid the process id in its own PID namespace
 * @param pidNamespace the {@code /proc/self/ns/pid} link of the process ("" where unknown)
 * @param registeredMillis when the process registered, epoch milliseconds
 */
record ProcessRecord(long pid, String pidNamespace, long registeredMillis) {
    private static final String FIRST_LINE = "native-ipc process record";
    /** A record is a few dozen bytes; more is not a record. */
    private static final int MAX_BYTES = 512;
    private static final Path OWN_PID_NAMESPACE = Path.of("/proc/self/ns/pid");

    /** This process's PID namespace, read once. */
    private static final class OwnNamespace {
        static final String LINK = ownPidNamespace();
    }

    /** This process's record. */
    static ProcessRecord current() {
        return new ProcessRecord(ProcessHandle.current().pid(), OwnNamespace.LINK, System.currentTimeMillis());
    }

    private static String ownPidNamespace() {
        try {
            return Files.readSymbolicLink(OWN_PID_NAMESPACE).toString();
        } catch (IOException | UnsupportedOperationException | SecurityException noProcfs) {
            return "";
        }
    }

    /** The text written into the record file. */
    String format() {
        return FIRST_LINE + "\npid=" + pid + "\npid-namespace=" + pidNamespace + "\nregistered-ms=" + registeredMillis + "\n";
    }

    /** The record in {@code file}, or empty if it cannot be read or is not a record. */
    static Optional<ProcessRecord> read(Path file) {
        try (LockableFile record = LockableFile.open(file, false)) {
            return parse(new String(record.read(MAX_BYTES), StandardCharsets.UTF_8));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    static Optional<ProcessRecord> parse(String text) {
        String[] lines = text.split("\n");
        if (lines.length < 4 || !lines[0].equals(FIRST_LINE)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ProcessRecord(Long.parseLong(value(lines[1], "pid")), value(lines[2], "pid-namespace"),
                    Long.parseLong(value(lines[3], "registered-ms"))));
        } catch (IllegalArgumentException damaged) {
            return Optional.empty();
        }
    }

    private static String value(String line, String key) {
        if (!line.startsWith(key + "=")) {
            throw new IllegalArgumentException("expected " + key + " in '" + line + "'");
        }
        return line.substring(key.length() + 1);
    }

    /** "pid 1234", or "pid 1 in another PID namespace" if that is not this process's namespace. */
    String describe() {
        String own = OwnNamespace.LINK;
        boolean elsewhere = !pidNamespace.isEmpty() && !own.isEmpty() && !pidNamespace.equals(own);
        return "pid " + pid + (elsewhere ? " in another PID namespace (" + pidNamespace + ")" : "");
    }
}
