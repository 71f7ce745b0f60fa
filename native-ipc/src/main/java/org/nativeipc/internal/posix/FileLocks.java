package org.nativeipc.internal.posix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which processes hold {@code flock} locks on a file, as the kernel lists them in
 * {@code /proc/locks} (Linux): every process that uses a region holds a shared lock on its file
 * for as long as it does, so this tells how many use it. Pids are as this process's PID
 * namespace sees them. Elsewhere (macOS), or if the list cannot be read, the answer is empty:
 * unknown.
 */
public final class FileLocks {
    private static final Path PROC_LOCKS = Path.of("/proc/locks");
    private static final int HEX = 16;
    private static final int MAJOR_LOW_SHIFT = 8;
    private static final long MAJOR_LOW_MASK = 0xfff;
    private static final int MAJOR_HIGH_SHIFT = 32;
    private static final long MINOR_LOW_MASK = 0xff;
    private static final int MINOR_HIGH_SHIFT = 12;

    private FileLocks() {
    }

    /**
     * The pids of the processes holding a {@code flock} on {@code file} now (waiters excluded),
     * one per lock.
     *
     * @param file the file
     * @return the pids, or empty if this system does not tell
     */
    public static Optional<List<Long>> holders(Path file) {
        if (!Files.isReadable(PROC_LOCKS)) {
            return Optional.empty();
        }
        try {
            long dev = ((Number) Files.getAttribute(file, "unix:dev", LinkOption.NOFOLLOW_LINKS)).longValue();
            long inode = ((Number) Files.getAttribute(file, "unix:ino", LinkOption.NOFOLLOW_LINKS)).longValue();
            String id = Long.toHexString(major(dev)) + ":" + Long.toHexString(minor(dev)) + ":" + inode;
            List<Long> pids = new ArrayList<>();
            for (String line : Files.readAllLines(PROC_LOCKS)) {
                String[] f = line.trim().split("\\s+");
                // "1: FLOCK  ADVISORY  READ 1234 00:1b:20652 0 EOF"; a waiter's line has "->" after the number
                if (f.length >= 6 && "FLOCK".equals(f[1]) && matches(f[5], id)) {
                    pids.add(Long.parseLong(f[4]));
                }
            }
            return Optional.of(pids);
        } catch (IOException | RuntimeException unknown) {
            return Optional.empty();
        }
    }

    /** Compares "00:1b:20652" with the kernel's zero-padded hex ("00:1b"), whatever the padding. */
    private static boolean matches(String field, String id) {
        String[] a = field.split(":");
        String[] b = id.split(":");
        return a.length == 3 && Long.parseLong(a[0], HEX) == Long.parseLong(b[0], HEX)
                && Long.parseLong(a[1], HEX) == Long.parseLong(b[1], HEX) && a[2].equals(b[2]);
    }

    private static long major(long dev) {
        return ((dev >>> MAJOR_LOW_SHIFT) & MAJOR_LOW_MASK) | ((dev >>> MAJOR_HIGH_SHIFT) & ~MAJOR_LOW_MASK);
    }

    private static long minor(long dev) {
        return (dev & MINOR_LOW_MASK) | ((dev >>> MINOR_HIGH_SHIFT) & ~MINOR_LOW_MASK);
    }
}
