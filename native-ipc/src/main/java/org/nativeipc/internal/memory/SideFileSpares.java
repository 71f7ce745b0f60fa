package org.nativeipc.internal.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.nativeipc.internal.posix.Posix;
import org.nativeipc.internal.posix.SharedFolder;

/**
 * Side files kept for reuse ("spares"): a consumer that has read a large element hands its file
 * back to the element's queue (or pipe) instead of removing it, and the next producer of that
 * queue overwrites it. So, per element, the producer does not pay the kernel for fresh zeroed
 * pages and the consumer does not pay for freeing them.
 *
 * <p>A queue has at most {@link #SLOTS} spares, each of at most {@link #MAX_SPARE_BYTES}, named
 * {@code nipc-<owner>-spare-<queue file's inode in hex>-<slot>}, the owner being that of the
 * queue's held elements ({@link SideFiles}): a scan removes them with their queue.
 * <ul>
 * <li><b>Handing back</b> ({@link #park}): the consumer reads the element under a name of its own
 * and then links the file to a free slot name ({@code link(2)} never replaces a file: a slot in
 * use is left alone), then unlinks its own name. If every slot is in use, or the file is larger
 * than {@link #MAX_SPARE_BYTES}, the file is removed as before.
 * <li><b>Taking</b> ({@link #take}): a producer renames a slot to a name of its own
 * ({@code rename(2)} is atomic: of two producers, exactly one gets it), then overwrites and
 * truncates the file. From then on the file is the producer's, exactly as a fresh one: if the
 * producer dies, the next scan removes it.
 * <li><b>Removal</b>: a spare not taken within {@link #IDLE_NANOS} (one second after it was
 * handed back: the time of its last change, {@code ctime}, which {@code link} sets) is removed by
 * the process that handed it back (a daemon thread that lives only while it has spares to watch)
 * or, if that process is gone, by any process's orphan scan ({@link RegionFolder#removeOrphans}).
 * Closing the queue in any process removes its spares, and the scan removes those of a queue
 * whose owner is gone, as for held elements. Removing a spare is always safe: it holds no
 * element, and a producer that finds none writes a fresh file.
 * </ul>
 */
final class SideFileSpares {
    private static final System.Logger LOG = System.getLogger("org.nativeipc.queue");
    /** Spares a queue keeps at most: enough for one producer and one consumer working in parallel. */
    static final int SLOTS = 2;
    /** Largest spare kept; a larger element's file is removed once read (its memory is not held on speculation). */
    static final long MAX_SPARE_BYTES = 64L << 20;
    /** How long a spare waits to be taken before it is removed: one second. */
    static final long IDLE_NANOS = 1_000_000_000L;
    /** The kind word of a spare's file name. */
    static final String SPARE = "spare";
    private static final int NAME_PARTS = 5;
    private static final long KEEP_ALIVE_SECONDS = 2;

    private SideFileSpares() {
    }

    /** The file name of the spare {@code slot} of the queue in {@code queue}. */
    static Path slot(SharedRegion queue, int slot) {
        return RegionFolder.folder().resolve(SharedFolder.FILE_PREFIX + SideFiles.ownerPart(queue) + "-" + SPARE + "-"
                + Long.toHexString(queue.inode()) + "-" + slot);
    }

    /**
     * Takes a spare of {@code queue}, if one is there, by renaming it to {@code target} (a new
     * name of this process).
     *
     * @return true if {@code target} is now a spare file to overwrite, false if there was none
     */
    static boolean take(SharedRegion queue, Path target) {
        for (int i = 0; i < SLOTS; i++) {
            try {
                if (Posix.renameIfPresent(slot(queue, i).toString(), target.toString())) {
                    return true;
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "cannot take a spare side file of " + queue.path() + " (writing a new one): " + e);
                return false;
            }
        }
        return false;
    }

    /**
     * Keeps {@code file} (named after this process, {@code bytes} long, read to the end) as a
     * spare of {@code queue} if a slot is free and it is not too large; else removes it. Never throws.
     */
    static void park(SharedRegion queue, Path file, long bytes) {
        if (bytes <= MAX_SPARE_BYTES) {
            try {
                for (int i = 0; i < SLOTS; i++) {
                    Path slot = slot(queue, i);
                    if (Posix.linkIfFree(file.toString(), slot.toString())) {
                        Reaper.watch(slot);
                        break;
                    }
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "cannot keep " + file + " as a spare of " + queue.path() + " (removed): " + e);
            }
        }
        RegionFolder.deleteQuietly(file);
    }

    /** Removes every spare of {@code queue} (it is being closed). Never throws. */
    static void removeAll(SharedRegion queue) {
        try {
            for (int i = 0; i < SLOTS; i++) {
                RegionFolder.deleteQuietly(slot(queue, i));
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot name the spares of " + queue.path() + " (left to the scan): " + e);
        }
    }

    /** True if {@code fileName} names a spare. */
    static boolean isSpare(String fileName) {
        String[] parts = fileName.split("-");
        return parts.length == NAME_PARTS && SPARE.equals(parts[2]) && fileName.startsWith(SharedFolder.FILE_PREFIX);
    }

    /**
     * Removes the spare {@code file} if it was handed back at least {@link #IDLE_NANOS} ago.
     * Never throws.
     *
     * @return true if it was removed
     */
    static boolean removeIfIdle(Path file) {
        long idle = idleNanos(file);
        if (idle < IDLE_NANOS) {
            return false;
        }
        try {
            boolean removed = Files.deleteIfExists(file);
            if (removed) {
                LOG.log(System.Logger.Level.DEBUG, "removed " + file + ": a spare side file not taken for " + idle / 1_000_000 + " ms");
            }
            return removed;
        } catch (IOException | SecurityException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot remove the idle spare " + file + " (left for a later scan): " + e);
            return false;
        }
    }

    /** How long ago the spare {@code file} was handed back (its ctime), or -1 if it is gone or unreadable. */
    private static long idleNanos(Path file) {
        try {
            FileTime changed = (FileTime) Files.getAttribute(file, "unix:ctime", LinkOption.NOFOLLOW_LINKS);
            Instant then = changed.toInstant();
            Instant now = Instant.now();
            return Math.max(0, (now.getEpochSecond() - then.getEpochSecond()) * 1_000_000_000L + now.getNano() - then.getNano());
        } catch (NoSuchFileException gone) {
            return -1;
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot read the age of the spare " + file + ": " + e);
            return -1;
        }
    }

    /**
     * Removes the spares this process handed back once they are idle: one daemon thread, started
     * when a spare is handed back and ending {@link #KEEP_ALIVE_SECONDS} after its last one is gone.
     */
    private static final class Reaper {
        private static final Set<Path> WATCHED = ConcurrentHashMap.newKeySet();
        private static final ScheduledThreadPoolExecutor TIMER = timer();

        private static ScheduledThreadPoolExecutor timer() {
            ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
                Thread thread = new Thread(task, "nipc-spare-side-files");
                thread.setDaemon(true);
                return thread;
            });
            timer.setKeepAliveTime(KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
            timer.allowCoreThreadTimeOut(true);
            timer.setRemoveOnCancelPolicy(true);
            return timer;
        }

        /** Looks at {@code spare} once it may be idle (unless it is already watched). */
        static void watch(Path spare) {
            if (WATCHED.add(spare)) {
                TIMER.schedule(() -> check(spare), IDLE_NANOS, TimeUnit.NANOSECONDS);
            }
        }

        /**
         * Removes {@code spare} if idle; looks again when it may be if it was handed back again
         * meanwhile. It leaves the watched set first, so a spare handed back while it looks is
         * either seen here (its new ctime) or watched anew.
         */
        private static void check(Path spare) {
            WATCHED.remove(spare);
            if (removeIfIdle(spare)) {
                return;
            }
            long idle = idleNanos(spare);
            if (idle >= 0 && WATCHED.add(spare)) {
                TIMER.schedule(() -> check(spare), Math.max(1, IDLE_NANOS - idle), TimeUnit.NANOSECONDS);
            }
        }
    }
}
