package org.nativeipc.internal.memory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicLong;

import org.nativeipc.internal.liveness.Liveness;
import org.nativeipc.internal.posix.LockableFile;
import org.nativeipc.internal.posix.NativeCallException;
import org.nativeipc.internal.posix.Posix;
import org.nativeipc.internal.posix.SharedFolder;

/**
 * Files in the {@linkplain SharedFolder shared folder} that carry one element too large for a
 * ring: the producer writes the element into a file of its own, hands the file over to the
 * queue or pipe, and puts a small reference through the ring; the consumer that takes the
 * reference reads the file and removes it.
 *
 * <p>Whose a file is shows in its name, as for every region ({@link RegionFolder}): while it is
 * being written it is {@code nipc-<writer>-side-<seq>-<random>}, so if the writer dies
 * mid-element the next scan removes it (a writer scans at most once a {@link #SCAN_INTERVAL_NANOS
 * second}, and whenever the folder is too full); once whole it is renamed (atomically) to
 * {@code nipc-<owner>-held-<writer>-side-<seq>-<random>}. The owner of an anonymous queue's or
 * pipe's elements is its creator (16 hex digits: a scan removes them once it is dead). A named
 * object outlives its creator, so its elements' owner is the object's file itself,
 * {@code r<inode in hex>}: a scan removes them once no file in the folder has that inode (the name
 * was unlinked, or given to another object) and no process holds that file any more (every user
 * of a region holds a lock on it, which {@code /proc/locks} lists; where that list cannot be read,
 * such files stay).
 *
 * <p>A consumer renames the file to a name of its own, {@code nipc-<reader>-taken-<seq>-<random>},
 * reads it, and hands it back to the queue as a {@linkplain SideFileSpares spare} that the next
 * producer overwrites (or removes it, if the queue has its spares already); if the consumer dies
 * reading, the next scan removes it. A file larger than {@link SideFileSpares#MAX_SPARE_BYTES} is
 * never kept: the consumer removes it as soon as it has opened it, before reading, so if it dies
 * reading, the kernel frees the memory. A file can thus be left over only by a process killed in
 * the microseconds between renaming and publishing the reference, or between taking the reference
 * and renaming or removing the file; it goes with its owner.
 */
public final class SideFiles {
    private static final System.Logger LOG = System.getLogger("org.nativeipc.queue");
    /** How often a writer scans for the files of dead writers: once a second at most. */
    static final long SCAN_INTERVAL_NANOS = 1_000_000_000L;
    private static final String WRITING = "side";
    private static final String TAKEN = "taken";
    private static final String HELD = "-held-";
    /** The start of a named object's owner part: "r" and its file's inode in hex. */
    private static final String REGION_OWNER = "r";
    private static final int HEX = 16;
    private static final int MIB = 1 << 20;
    private static final AtomicLong LAST_SCAN = new AtomicLong(System.nanoTime() - 2 * SCAN_INTERVAL_NANOS);

    private SideFiles() {
    }

    /**
     * Writes {@code headLength} bytes of {@code head} and then {@code length} bytes of
     * {@code body} from {@code offset} into a new file, and hands it over to {@code owner}.
     *
     * @param head the element's first bytes (a codec's header; may be empty)
     * @param headLength how many bytes of {@code head}
     * @param body the array that holds the rest of the element
     * @param offset where the rest starts in {@code body}
     * @param length its length in bytes
     * @param queue the region of the queue or pipe the element goes through (it owns the file)
     * @param what what the element is for, for errors ("SharedQueue nipc-...")
     * @return the file's name, for the reference the consumer gets
     * @throws IllegalStateException if the shared folder has no room (saying how much it needs)
     *     or the file cannot be written
     */
    public static String write(byte[] head, int headLength, byte[] body, int offset, int length, SharedRegion queue, String what) {
        long total = (long) headLength + length;
        scanIfDue(false);
        String writingName = RegionFolder.newFileName(WRITING, Liveness.self());
        Path writing = RegionFolder.folder().resolve(writingName);
        boolean written = false;
        try {
            try (LockableFile file = spareOrNew(queue, writing, total, what)) {
                Posix.writeFullyAt(file.descriptor(), 0, head, 0, headLength);
                Posix.writeFullyAt(file.descriptor(), headLength, body, offset, length);
                if (file.attributes().size() != total) {
                    Posix.truncate(file.descriptor(), total); // a spare that was larger
                }
            }
            String heldName = SharedFolder.FILE_PREFIX + ownerPart(queue) + HELD + writingName.substring(SharedFolder.FILE_PREFIX.length());
            Files.move(writing, RegionFolder.folder().resolve(heldName), StandardCopyOption.ATOMIC_MOVE);
            written = true;
            return heldName;
        } catch (IOException | NativeCallException e) {
            throw new IllegalStateException(what + ": cannot write an element of " + total + " bytes into " + writing
                    + " (" + e.getMessage() + "); " + roomAdvice(total), e);
        } finally {
            if (!written) {
                RegionFolder.deleteQuietly(writing);
            }
        }
    }

    /**
     * Opens a spare of {@code queue} renamed to {@code writing}, or else creates {@code writing};
     * checks first that the folder has room for what the element adds.
     */
    private static LockableFile spareOrNew(SharedRegion queue, Path writing, long total, String what) throws IOException {
        if (SideFileSpares.take(queue, writing)) {
            LockableFile spare = LockableFile.open(writing, true);
            try {
                long had = spare.attributes().size();
                if (had < total) {
                    checkRoom(total - had, what);
                }
                return spare;
            } catch (IOException | RuntimeException e) {
                spare.close();
                throw e;
            }
        }
        checkRoom(total, what);
        return LockableFile.createNew(writing);
    }

    /** Reads an element from its side file, given as a descriptor (positional reads: {@link Posix#readFullyAt}). */
    @FunctionalInterface
    public interface ElementReader<T> {
        /**
         * Reads the element.
         *
         * @param fd the open side file, of {@code length} bytes (checked)
         * @param length the element's length in bytes
         * @return what the element is read as
         * @throws IllegalStateException if the file is shorter than it was when checked
         */
        T read(int fd, int length);
    }

    /**
     * Reads the whole file {@code name} (of {@code length} bytes) and, if {@code remove}, removes it.
     *
     * @param name the file's name, as {@link #write} returned it (checked: it may come from another process)
     * @param length the element's length in bytes
     * @param remove true to remove the file (taking), false to leave it (peeking)
     * @return the bytes, or null if {@code remove} is false and the file is gone (someone took it)
     * @throws IllegalStateException if the name is not a side file's, or the file is gone or has another length
     */
    public static byte[] read(String name, int length, boolean remove) {
        return read(name, length, remove ? Take.REMOVE : Take.PEEK, (fd, n) -> {
            byte[] bytes = new byte[n];
            readFully(fd, 0, bytes, 0, n);
            return bytes;
        });
    }

    /** What {@link #read} does with the file. */
    public static final class Take {
        /** Leaves the file (peeking). */
        public static final Take PEEK = new Take(null, false);
        /** Removes the file (taking from a queue that keeps no spares). */
        public static final Take REMOVE = new Take(null, true);
        private final SharedRegion queue;
        private final boolean remove;

        private Take(SharedRegion queue, boolean remove) {
            this.queue = queue;
            this.remove = remove;
        }

        /**
         * Takes the file and hands it back to {@code queue} for reuse once read ({@link SideFileSpares}).
         *
         * @param queue the region of the queue or pipe the element came through
         * @return how to take an element of {@code queue}
         */
        public static Take reusingFor(SharedRegion queue) {
            return new Take(queue, true);
        }
    }

    /**
     * Opens the file {@code name} (of {@code length} bytes), takes it as {@code take} says, and
     * lets {@code reader} read the element from it.
     *
     * @param name the file's name, as {@link #write} returned it (checked: it may come from another process)
     * @param length the element's length in bytes
     * @param take peek, remove, or hand the file back to its queue once read
     * @param reader reads the element
     * @return what {@code reader} returned, or null if peeking and the file is gone (someone took it)
     * @throws IllegalStateException if the name is not a side file's, or the file is gone or has another length
     */
    public static <T> T read(String name, int length, Take take, ElementReader<T> reader) {
        Path path = pathOf(name);
        boolean reuse = take.queue != null && length <= SideFileSpares.MAX_SPARE_BYTES;
        if (reuse) {
            Path taken = RegionFolder.folder().resolve(RegionFolder.newFileName(TAKEN, Liveness.self()));
            if (!Posix.renameIfPresent(path.toString(), taken.toString())) {
                throw new IllegalStateException("the element's side file " + path + " is gone: it was removed (its owner died,"
                        + " or someone deleted it)");
            }
            path = taken;
        }
        boolean parked = false;
        try (LockableFile file = LockableFile.open(path, false)) {
            if (!take.remove && !(file.tryLockShared() && file.isStillAtPath())) {
                return null; // taken meanwhile (a taker hands a file back for reuse only while nobody holds this lock)
            }
            if (take.remove && !reuse) {
                RegionFolder.deleteQuietly(path); // ours alone now: if this process dies reading it, the kernel frees it
            }
            long size = file.attributes().size();
            if (size != length) {
                throw new IllegalStateException("side file " + path + " holds " + size + " bytes, the reference said "
                        + length + ": it is corrupted (the element is dropped)");
            }
            T value = reader.read(file.descriptor(), length);
            if (reuse && file.tryLockExclusive()) { // no peeker is reading it
                SideFileSpares.park(take.queue, path, length);
                parked = true;
            }
            return value;
        } catch (NativeCallException e) {
            if (!take.remove && e.errno() == LockableFile.ENOENT) {
                return null;
            }
            throw new IllegalStateException("the element's side file " + path + " cannot be opened or read (" + e.getMessage()
                    + "): it was removed (its owner died, or someone deleted it)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the element's side file " + path + ": " + e, e);
        } finally {
            if (reuse && !parked) {
                RegionFolder.deleteQuietly(path);
            }
        }
    }

    /**
     * Removes the spare side files of {@code queue} (when a process closes it). Never throws.
     *
     * @param queue the region of a queue or pipe
     */
    public static void removeSpares(SharedRegion queue) {
        SideFileSpares.removeAll(queue);
    }

    /**
     * Reads {@code count} bytes of the open side file {@code fd} from {@code position} into
     * {@code into} from {@code offset}.
     *
     * @throws IllegalStateException if the file ends before
     */
    public static void readFully(int fd, long position, byte[] into, int offset, int count) {
        int read = Posix.readFullyAt(fd, position, into, offset, count);
        if (read < count) {
            throw new IllegalStateException("a side file (fd " + fd + ") ended after " + (position + read) + " bytes, "
                    + (position + count) + " were expected: it is corrupted (the element is dropped)");
        }
    }

    /**
     * Removes the file {@code name} (its reference was never published). Never throws.
     *
     * @param name the file's name, as {@link #write} returned it
     */
    public static void discard(String name) {
        RegionFolder.deleteQuietly(pathOf(name));
    }

    /** Whose the elements of {@code queue} are: its creator's (anonymous), or its file's (named). */
    static String ownerPart(SharedRegion queue) {
        return queue.name() == null ? RegionFolder.tokenHex(queue.creator()) : REGION_OWNER + Long.toHexString(queue.inode());
    }

    /**
     * The inode of the named object's file that owns the side file {@code fileName}, or -1 if it
     * is not such a file (see the class comment).
     */
    static long ownerInode(String fileName) {
        String[] parts = fileName.split("-");
        if (ownersOf(fileName) == null || !parts[1].startsWith(REGION_OWNER)) {
            return -1;
        }
        try {
            return Long.parseLong(parts[1].substring(REGION_OWNER.length()), HEX);
        } catch (NumberFormatException notOurs) {
            return -1;
        }
    }

    /**
     * Who a side file in the shared folder belongs to, read from its name (for {@code nipc list}).
     *
     * @param state "queued" (whole, handed over to its queue or pipe), "being written", "being read",
     *     or "spare" (kept for reuse by its queue: {@link SideFileSpares})
     * @param process the liveness token of the process that writes or wrote it, or reads it; for a
     *     spare, the creator of its queue ({@link Liveness#NOBODY} for a named queue's)
     */
    public record Owners(String state, long process) {
    }

    /**
     * Reads a side file's name.
     *
     * @param fileName a file name in the shared folder
     * @return who the side file belongs to, or null if the name is not a side file's
     */
    public static Owners ownersOf(String fileName) {
        // nipc-<owner>-held-<writer>-side-<seq>-<random>, nipc-<writer>-side-<seq>-<random>,
        // nipc-<reader>-taken-<seq>-<random> or nipc-<owner>-spare-<queue inode>-<slot>
        String[] parts = fileName.split("-");
        if (SideFileSpares.isSpare(fileName)) {
            return new Owners("spare", RegionFolder.tokenOf(parts[1]));
        }
        boolean held = parts.length == 7 && HELD.equals("-" + parts[2] + "-") && WRITING.equals(parts[4]);
        boolean own = parts.length == 5 && (WRITING.equals(parts[2]) || TAKEN.equals(parts[2]));
        long process = held ? RegionFolder.tokenOf(parts[3]) : own ? RegionFolder.tokenOf(parts[1]) : Liveness.NOBODY;
        if (process == Liveness.NOBODY) {
            return null;
        }
        return new Owners(held ? "queued" : WRITING.equals(parts[2]) ? "being written" : "being read", process);
    }

    private static Path pathOf(String name) {
        String[] parts = name == null ? new String[0] : name.split("-");
        if (!SharedFolder.isOwnFileName(name) || parts.length < 5 || !HELD.equals("-" + parts[2] + "-")) {
            throw new IllegalStateException("'" + name + "' does not name an element's side file: the reference is corrupted");
        }
        return RegionFolder.folder().resolve(name);
    }

    /** Scans for dead processes' files if the last scan is a second old, or at once if {@code now}. */
    private static void scanIfDue(boolean now) {
        long last = LAST_SCAN.get();
        long time = System.nanoTime();
        if ((now || time - last >= SCAN_INTERVAL_NANOS) && LAST_SCAN.compareAndSet(last, time)) {
            RegionFolder.removeOrphans();
        }
    }

    private static void checkRoom(long length, String what) {
        if (usableBytes() >= length) {
            return;
        }
        scanIfDue(true);
        long usable = usableBytes();
        if (usable < length) {
            throw new IllegalStateException(what + ": an element of " + length + " bytes does not fit in the shared folder "
                    + RegionFolder.folder() + " (" + usable + " bytes free); " + roomAdvice(length));
        }
    }

    private static String roomAdvice(long length) {
        long mib = (length + MIB - 1) / MIB;
        return "the folder needs at least " + mib + " MiB free for it, more while several such elements are in the"
                + " queue: make it larger (for /dev/shm: sudo mount -o remount,size=<size> /dev/shm; in Docker --shm-size),"
                + " point -D" + SharedFolder.PROPERTY + " at a larger tmpfs, or take elements out faster";
    }

    private static long usableBytes() {
        try {
            return Files.getFileStore(RegionFolder.folder()).getUsableSpace();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot tell the free space of " + RegionFolder.folder() + ": " + e);
            return Long.MAX_VALUE;
        }
    }
}
