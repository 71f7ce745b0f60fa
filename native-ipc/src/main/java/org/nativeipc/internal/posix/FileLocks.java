package org.nativeipc.internal.posix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
        try {
            long inode = ((Number) Files.getAttribute(file, "unix:ino", LinkOption.NOFOLLOW_LINKS)).longValue();
            List<Long> pids = new ArrayList<>();
            return forEachLock(file, (pid, lockedInode) -> {
                if (lockedInode == inode) {
                    pids.add(pid);
                }
            }) ? Optional.of(pids) : Optional.empty();
        } catch (IOException | RuntimeException unknown) {
            return Optional.empty();
        }
    }

    /**
     * The inodes of the files on {@code folder}'s file system that some process holds a
     * {@code flock} on now.
     *
     * @param folder a folder (its file system is the one looked at)
     * @return the inodes, or empty if this system does not tell
     */
    public static Optional<Set<Long>> lockedInodes(Path folder) {
        Set<Long> inodes = new HashSet<>();
        return forEachLock(folder, (pid, inode) -> inodes.add(inode)) ? Optional.of(inodes) : Optional.empty();
    }

    /** Receives one lock of {@code /proc/locks}. */
    private interface LockVisitor {
        void lock(long pid, long inode);
    }

    /** Visits the {@code flock}s held (not waited for) on {@code onFileSystemOf}'s file system; false if unknown. */
    private static boolean forEachLock(Path onFileSystemOf, LockVisitor visitor) {
        if (!Files.isReadable(PROC_LOCKS)) {
            return false;
        }
        try {
            long dev = ((Number) Files.getAttribute(onFileSystemOf, "unix:dev", LinkOption.NOFOLLOW_LINKS)).longValue();
            String device = Long.toHexString(major(dev)) + ":" + Long.toHexString(minor(dev));
            for (String line : Files.readAllLines(PROC_LOCKS)) {
                String[] f = line.trim().split("\\s+");
                // "1: FLOCK  ADVISORY  READ 1234 00:1b:20652 0 EOF"; a waiter's line has "->" after the number
                if (f.length >= 6 && "FLOCK".equals(f[1])) {
                    long inode = inodeOn(f[5], device);
                    if (inode >= 0) {
                        visitor.lock(Long.parseLong(f[4]), inode);
                    }
                }
            }
            return true;
        } catch (IOException | RuntimeException unknown) {
            return false;
        }
    }

    /** The inode of "00:1b:20652" if its device is {@code device} ("0:1b": the kernel zero-pads, whatever the padding), else -1. */
    private static long inodeOn(String field, String device) {
        String[] a = field.split(":");
        String[] b = device.split(":");
        boolean same = a.length == 3 && Long.parseLong(a[0], HEX) == Long.parseLong(b[0], HEX)
                && Long.parseLong(a[1], HEX) == Long.parseLong(b[1], HEX);
        return same ? Long.parseLong(a[2]) : -1;
    }

    private static long major(long dev) {
        return ((dev >>> MAJOR_LOW_SHIFT) & MAJOR_LOW_MASK) | ((dev >>> MAJOR_HIGH_SHIFT) & ~MAJOR_LOW_MASK);
    }

    private static long minor(long dev) {
        return (dev & MINOR_LOW_MASK) | ((dev >>> MINOR_HIGH_SHIFT) & ~MINOR_LOW_MASK);
    }
}
