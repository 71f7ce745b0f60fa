package org.nativeipc.internal.memory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.nativeipc.internal.lifecycle.ExitSequence;
import org.nativeipc.internal.liveness.Liveness;
import org.nativeipc.internal.posix.LockableFile;
import org.nativeipc.internal.posix.NativeCallException;

/**
 * This process's hold on one region file: the descriptor it opened the file with (never through
 * a symbolic link, close-on-exec), carrying a shared {@code flock} for as long as the process
 * uses the region. The creator and every attached process hold one; the kernel drops it when a
 * process dies. So whoever lets go of a region whose creator died — by {@link #release() closing}
 * it, at exit, or when the object using it is garbage-collected — can tell whether it was the
 * last: if an exclusive lock can be taken, nobody else holds the file, and it is removed
 * ({@link RegionFolder#removeIfUnused}). A SIGKILLed creator's files thus go when their last
 * user lets go, not only when some later process scans the folder.
 */
final class RegionFile implements Runnable {
    private static final Cleaner CLEANER = Cleaner.create();
    /** Holds not yet released, for the exit hook (small objects: never the mapping itself). */
    private static final Set<RegionFile> HELD = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean EXIT_STEP = new AtomicBoolean();
    /** Zeroes written per call when a new file is filled (reserves memory, touches pages). */
    private static final int FILL_CHUNK_BYTES = 1 << 20;

    private final LockableFile lock;
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile long creator = Liveness.NOBODY;

    private RegionFile(LockableFile lock) {
        this.lock = lock;
    }

    /**
     * Creates {@code path} (it must not exist; mode 0600), holds it, and fills it with
     * {@code fileBytes} zero bytes so a full folder fails here and not later with SIGBUS.
     *
     * @throws IOException if it cannot be created or filled (the file is then removed)
     */
    static RegionFile createNew(Path path, long fileBytes) throws IOException {
        LockableFile lock;
        try {
            lock = LockableFile.createNew(path);
        } catch (NativeCallException e) {
            throw new IOException(e.getMessage(), e);
        }
        RegionFile file = new RegionFile(lock);
        try {
            lock.tryLockShared();
            try (FileChannel channel = lock.channel(true)) {
                ByteBuffer zeros = ByteBuffer.allocateDirect((int) Math.min(FILL_CHUNK_BYTES, Math.max(1, fileBytes)));
                long written = 0;
                while (written < fileBytes) {
                    zeros.clear().limit((int) Math.min(zeros.capacity(), fileBytes - written));
                    written += channel.write(zeros, written);
                }
            }
            return file;
        } catch (IOException | RuntimeException e) {
            lock.close();
            RegionFolder.deleteQuietly(path);
            throw e;
        }
    }

    /**
     * Opens and holds the existing region file at {@code path}: refuses a symbolic link, a file
     * that is not a regular file, and a file that is being removed.
     *
     * @throws RegionClosedException if there is no file at {@code path}, or it is being removed
     * @throws IllegalStateException naming the problem and the fix, if the file is not a region file
     * @throws UncheckedIOException if the file cannot be opened for another reason
     */
    static RegionFile openExisting(Path path) {
        RegionFile file = openIfPresent(path);
        if (file == null) {
            throw gone(path);
        }
        return file;
    }

    /**
     * As {@link #openExisting}, but returns null if there is no file at {@code path} (or it is
     * being removed, or was replaced while it was opened).
     */
    static RegionFile openIfPresent(Path path) {
        LockableFile lock;
        try {
            lock = LockableFile.open(path, true);
        } catch (NativeCallException e) {
            if (e.errno() == LockableFile.ENOENT) {
                return null;
            }
            throw new UncheckedIOException("cannot open shared region " + path + ": " + e.getMessage()
                    + (e.errnoName().equals("ELOOP") ? " (it is a symbolic link: a region is never one, so it was refused)" : ""),
                    new IOException(e.getMessage(), e));
        }
        try {
            if (!lock.attributes().isRegularFile()) {
                throw new IllegalStateException(path + " is not a regular file, so not a native-ipc shared region: refused");
            }
            if (!lock.tryLockShared() || !lock.isStillAtPath()) {
                lock.close();
                return null;
            }
            return new RegionFile(lock);
        } catch (IOException e) {
            lock.close();
            throw new UncheckedIOException("cannot open shared region " + path + ": " + e, e);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static RegionClosedException gone(Path path) {
        return new RegionClosedException("no shared region at " + path + ": its creator closed it or exited, or it was"
                + " removed (keep the creating object open while others use it)");
    }

    /** The file's size now. */
    long size() throws IOException {
        BasicFileAttributes attributes = lock.attributes();
        return attributes.size();
    }

    /** Maps the first {@code bytes} of the file, read-write. */
    MappedByteBuffer map(long bytes) throws IOException {
        try (FileChannel channel = lock.channel(true)) {
            return channel.map(FileChannel.MapMode.READ_WRITE, 0, bytes);
        }
    }

    /**
     * Keeps this hold until {@link #release()}, or until {@code user} (the region object) is
     * garbage-collected, or this process exits normally.
     *
     * @param creatorToken the liveness token of the region's creator, read from its header
     */
    void keep(Object user, long creatorToken) {
        this.creator = creatorToken;
        if (EXIT_STEP.compareAndSet(false, true)) {
            ExitSequence.add(ExitSequence.Step.RELEASE_ATTACHED, RegionFile::releaseAll);
        }
        HELD.add(this);
        CLEANER.register(user, this);
    }

    /** The region was published under a name: it outlives its creator, so releasing it never removes it. */
    void keepNamed() {
        this.creator = Liveness.NOBODY;
    }

    /** True if {@code path} names the file this hold is on (not removed, not replaced). */
    /** The file's inode (it stays the file's while anyone holds it, even once unlinked). */
    long inode() throws IOException {
        return lock.inode();
    }

    boolean isAt(Path path) {
        try {
            Object held = lock.attributes().fileKey();
            return held != null && held.equals(Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey());
        } catch (IOException | RuntimeException gone) {
            return false;
        }
    }

    /**
     * Lets go of the file: releases the lock; if the region's creator is dead, removes the file
     * when no other process holds it. Idempotent.
     */
    void release() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        HELD.remove(this);
        lock.close();
        long owner = creator;
        if (owner != Liveness.NOBODY && !Liveness.isAlive(owner)) {
            RegionFolder.removeIfUnused(lock.path());
        }
    }

    /** Cleaner action: the region object became unreachable. */
    @Override
    public void run() {
        release();
    }

    /** Releases every hold still kept (at exit). */
    static void releaseAll() {
        for (RegionFile file : HELD) {
            file.release();
        }
    }
}
