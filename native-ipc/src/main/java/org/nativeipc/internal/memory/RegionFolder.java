package org.nativeipc.internal.memory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.nativeipc.internal.posix.OperatingSystem;
import org.nativeipc.internal.posix.ProcessIdentity;

/**
 * Where region files live and how they are named.
 *
 * <p>The folder is {@code /dev/shm} on Linux (memory-backed) and {@code java.io.tmpdir} on
 * macOS, unless the system property {@value #FOLDER_PROPERTY} names another. A file is named
 * {@code nipc-<creator pid>-<creator start token>-<kind>-<sequence>-<random>}, so a scan can
 * tell a dead creator's leftovers from the name alone (the counterpart of Python's
 * resource_tracker, without a tracker process).
 */
public final class RegionFolder {
    /** System property that overrides the folder; children inherit it. */
    public static final String FOLDER_PROPERTY = "nativeipc.shm.dir";
    /** Prefix of every region file this library creates. */
    public static final String FILE_PREFIX = "nipc-";

    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static volatile boolean scanned;

    private RegionFolder() {
    }

    /** The folder new regions are created in. */
    public static Path folder() {
        String configured = System.getProperty(FOLDER_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        if (OperatingSystem.current() == OperatingSystem.LINUX && Files.isDirectory(Path.of("/dev/shm"))
                && Files.isWritable(Path.of("/dev/shm"))) {
            return Path.of("/dev/shm");
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** A fresh, unused path for a region of {@code kind} owned by this process. */
    static Path newPath(RegionKind kind) {
        ProcessIdentity me = ProcessIdentity.current();
        String name = FILE_PREFIX + me.pid() + "-" + me.startToken() + "-" + kind.name().toLowerCase(java.util.Locale.ROOT)
                + "-" + SEQUENCE.incrementAndGet() + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
        return folder().resolve(name);
    }

    /** Removes dead creators' regions once per process, before this process creates its first. */
    static void removeOrphansOnce() {
        if (!scanned) {
            scanned = true;
            removeOrphans();
        }
    }

    /**
     * Deletes every region file in {@link #folder()} whose creator is no longer running (pid gone,
     * a zombie, or recycled by a process with another start time).
     *
     * @return how many files were removed
     */
    public static int removeOrphans() {
        return removeWhere(creator -> !creator.isAlive());
    }

    /**
     * Deletes the region files created by {@code creator}: a parent calls this when a child
     * of its own died without running its exit hooks (killed by a signal).
     *
     * @return how many files were removed
     */
    public static int removeRegionsOf(ProcessIdentity creator) {
        return removeWhere(creator::equals);
    }

    private static int removeWhere(java.util.function.Predicate<ProcessIdentity> condemned) {
        Path dir = folder();
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, FILE_PREFIX + "*")) {
            for (Path file : files) {
                ProcessIdentity creator = creatorOf(file);
                if (creator != null && condemned.test(creator) && Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        } catch (java.nio.file.NoSuchFileException missing) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scan " + dir + " for leftover regions", e);
        }
        return removed;
    }

    /** The creator named in a region file name, or null if the name is not one of ours. */
    static ProcessIdentity creatorOf(Path file) {
        String[] parts = file.getFileName().toString().split("-");
        if (parts.length < 4) {
            return null;
        }
        try {
            return new ProcessIdentity(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
        } catch (NumberFormatException notOurs) {
            return null;
        }
    }
}
