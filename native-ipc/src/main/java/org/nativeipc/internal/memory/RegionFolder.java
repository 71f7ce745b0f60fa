package org.nativeipc.internal.memory;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.nativeipc.internal.liveness.Liveness;
import org.nativeipc.internal.posix.FileLocks;
import org.nativeipc.internal.posix.LockableFile;
import org.nativeipc.internal.posix.SharedFolder;

/**
 * How region files are named in the {@linkplain SharedFolder shared folder}, and how the
 * leftovers of creators that died are found and removed (the counterpart of Python's
 * resource_tracker, without a tracker process).
 *
 * <p>An anonymous region file is named
 * {@code nipc-<creator's liveness token, 16 hex digits>-<kind>-<sequence>-<random>}, so a scan
 * can tell whose it is from the name alone. The scan is best effort: it skips what it cannot
 * read or delete and never fails its caller; it removes a file only when its creator is proved
 * dead ({@link Liveness#isAlive}). A named region's file is {@code nipc-name-<name>}
 * ({@link #namedPath}): its name names no creator, so no scan ever removes it; it lives until
 * unlinked.
 */
public final class RegionFolder {
    private static final System.Logger LOG = System.getLogger(RegionFolder.class.getPackageName());
    private static final int TOKEN_HEX_DIGITS = 16;
    private static final int HEX = 16;
    private static final int RANDOM_BITS_DROPPED = 16;

    /** Prefix of the file of a named region: {@code nipc-name-}. */
    public static final String NAMED_PREFIX = SharedFolder.FILE_PREFIX + "name-";

    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static volatile boolean scanned;
    private static final long UNKNOWN_INODE = -1;

    private RegionFolder() {
    }

    /** The folder regions are created in: the {@linkplain SharedFolder shared folder}. */
    public static Path folder() {
        return SharedFolder.path();
    }

    /** A fresh, unused path for a region of {@code kind} created by the process {@code creator} names. */
    static Path newPath(RegionKind kind, long creator) {
        return folder().resolve(newFileName(kind.name().toLowerCase(Locale.ROOT), creator));
    }

    /**
     * A fresh file name {@code nipc-<creator, 16 hex digits>-<what>-<sequence>-<random>}: a scan
     * removes the file once the process {@code creator} names is proved dead and nobody holds it
     * ({@link Liveness#NOBODY}: never).
     */
    static String newFileName(String what, long creator) {
        return SharedFolder.FILE_PREFIX + tokenHex(creator) + "-" + what + "-" + SEQUENCE.incrementAndGet()
                + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> RANDOM_BITS_DROPPED);
    }

    /**
     * The path of the region named {@code name} (a name already checked by the caller: no path
     * separator, no {@code ..}).
     *
     * @throws IllegalArgumentException if the name would not make a region file name
     */
    public static Path namedPath(String name) {
        String fileName = NAMED_PREFIX + name;
        if (name.isEmpty() || !SharedFolder.isOwnFileName(fileName)) {
            throw new IllegalArgumentException("'" + name + "' cannot name a shared object");
        }
        return folder().resolve(fileName);
    }

    /** The name of the named region at {@code file}, or null if it is not a named region's file. */
    public static String nameOf(Path file) {
        Path fileName = file.getFileName();
        String text = fileName == null ? "" : fileName.toString();
        return text.startsWith(NAMED_PREFIX) && text.length() > NAMED_PREFIX.length() ? text.substring(NAMED_PREFIX.length()) : null;
    }

    /** A liveness token as a file name shows it: 16 hex digits. */
    static String tokenHex(long token) {
        String hex = Long.toHexString(token);
        return "0".repeat(TOKEN_HEX_DIGITS - hex.length()) + hex;
    }

    /** Removes dead creators' regions once per process, before this process creates its first. */
    static void removeOrphansOnce() {
        if (!scanned) {
            scanned = true;
            removeOrphans();
        }
    }

    /**
     * Deletes every region file in {@link #folder()} whose creator is proved dead, the large
     * elements of named objects that are gone (see {@link SideFiles}), spare side files not taken
     * for a second ({@link SideFileSpares}), and the liveness records
     * of dead processes. Never throws: what cannot be read or deleted is skipped (and left for a
     * later scan).
     *
     * @return how many region files were removed
     */
    public static int removeOrphans() {
        Path dir = folder();
        int removed = 0;
        Map<Path, Long> namedElements = new HashMap<>();
        Set<Long> namedInodes = new HashSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, SharedFolder.FILE_PREFIX + "*")) {
            for (Path file : files) {
                String fileName = file.getFileName().toString();
                if (SideFileSpares.isSpare(fileName) && SideFileSpares.removeIfIdle(file)) {
                    removed++;
                    continue;
                }
                long owner = SideFiles.ownerInode(fileName);
                if (owner >= 0) {
                    namedElements.put(file, owner);
                } else if (nameOf(file) != null) {
                    namedInodes.add(inodeOf(file));
                } else if (removeIfOrphan(file)) {
                    removed++;
                }
            }
        } catch (IOException | DirectoryIteratorException | SecurityException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot scan " + dir + " for leftover regions (skipped): " + e);
            namedElements.clear(); // a named object not seen could own them
        }
        removed += removeElementsOfGoneObjects(dir, namedElements, namedInodes);
        Liveness.removeDeadRecords();
        if (removed > 0) {
            LOG.log(System.Logger.Level.DEBUG, "removed " + removed + " region files of dead processes from " + dir);
        }
        return removed;
    }

    /**
     * Removes the side files whose named object's file is neither in the folder (under its name)
     * nor held by any process; none if the system does not tell who holds files.
     */
    private static int removeElementsOfGoneObjects(Path dir, Map<Path, Long> elements, Set<Long> namedInodes) {
        if (elements.isEmpty() || namedInodes.contains(UNKNOWN_INODE)) {
            return 0;
        }
        Set<Long> held = FileLocks.lockedInodes(dir).orElse(null);
        if (held == null) {
            return 0;
        }
        int removed = 0;
        for (Map.Entry<Path, Long> element : elements.entrySet()) {
            if (!namedInodes.contains(element.getValue()) && !held.contains(element.getValue()) && removeIfUnused(element.getKey())) {
                removed++;
            }
        }
        return removed;
    }

    /** A file's inode, or {@link #UNKNOWN_INODE} if it cannot be read (removed meanwhile). */
    private static long inodeOf(Path file) {
        try {
            return ((Number) Files.getAttribute(file, "unix:ino", LinkOption.NOFOLLOW_LINKS)).longValue();
        } catch (IOException | RuntimeException e) {
            return UNKNOWN_INODE;
        }
    }

    private static boolean removeIfOrphan(Path file) {
        long creator = creatorOf(file);
        return creator != Liveness.NOBODY && !Liveness.isAlive(creator) && removeIfUnused(file);
    }

    /**
     * Removes the region file at {@code file} if it is a regular file and no process holds it
     * (an exclusive lock can be taken: see {@link RegionFile}). The caller has proved its
     * creator dead. Never throws.
     *
     * @return true if the file was removed
     */
    static boolean removeIfUnused(Path file) {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            try (LockableFile region = LockableFile.open(file, false)) {
                if (!region.attributes().isRegularFile() || !region.tryLockExclusive()) {
                    return false; // still used by some process: the last one to let go removes it
                }
                boolean removed = Files.deleteIfExists(file);
                if (removed) {
                    LOG.log(System.Logger.Level.DEBUG, "removed " + file + ": its creator died and nobody uses it any more");
                }
                return removed;
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot remove the leftover region " + file + " (skipped): " + e);
            return false;
        }
    }

    /** Deletes {@code file} if it exists, ignoring failures (a leftover is removed by a later scan). */
    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException | SecurityException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot delete " + file + " (left for a later scan): " + e);
        }
    }

    /**
     * Refuses, before anything opens it, a path that is not a region file name directly in the
     * {@linkplain #folder() shared folder}.
     *
     * @throws IllegalArgumentException naming the path and what a region path looks like
     */
    static void checkRegionPath(Path path) {
        Path parent = path.toAbsolutePath().normalize().getParent();
        Path name = path.getFileName();
        if (parent == null || name == null || !parent.equals(folder()) || !SharedFolder.isOwnFileName(name.toString())
                || Liveness.isRecordName(name.toString())) {
            throw new IllegalArgumentException("refused to open " + path + ": a shared region is a file named "
                    + SharedFolder.FILE_PREFIX + "... directly in the shared folder " + folder()
                    + " (handles carry region names only; is -D" + SharedFolder.PROPERTY + " the same in every process?)");
        }
    }

    /** The liveness token of the creator named in a region file's name, or {@link Liveness#NOBODY} if the name is not a region's. */
    static long creatorOf(Path file) {
        String[] parts = file.getFileName().toString().split("-");
        return parts.length < 4 ? Liveness.NOBODY : tokenOf(parts[1]);
    }

    /** The liveness token that 16 hex digits of a file name show, or {@link Liveness#NOBODY} if they are not one. */
    static long tokenOf(String hex) {
        if (hex.length() != TOKEN_HEX_DIGITS) {
            return Liveness.NOBODY;
        }
        try {
            return Long.parseUnsignedLong(hex, HEX);
        } catch (NumberFormatException notOurs) {
            return Liveness.NOBODY;
        }
    }
}
