package org.nativeipc.internal.memory;

import static org.nativeipc.internal.memory.RegionHeaderLayout.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.zip.CRC32;

import org.nativeipc.internal.lifecycle.ExitSequence;
import org.nativeipc.internal.liveness.Liveness;
import org.nativeipc.internal.posix.Posix;
import org.nativeipc.internal.posix.SharedFolder;

/**
 * A named file in the shared-memory folder, mapped into this process: the ground every shared
 * structure stands on.
 *
 * <p>The file starts with a {@link RegionHeaderLayout header} (magic, format, kind, layout
 * version, size, creator identity, checksum). {@link #create} writes it and runs the
 * structure's initializer before publishing the region as ready; {@link #attach} checks every
 * field and refuses, with a message that says what is wrong and what to do, a missing,
 * truncated, corrupted or foreign file, another kind of structure, or another layout version.
 *
 * <p>Offsets given to the accessors are relative to the payload (the byte after the header).
 * The atomic accessors go through {@link MethodHandles#byteBufferViewVarHandle}, which works
 * across processes on a shared mapping with no JVM flags; they need naturally aligned offsets.
 *
 * <p>The creator owns the file: {@link #close()} unlinks it, and so does a shutdown hook for
 * regions still open at normal exit; files of creators that died without either are removed
 * by {@link RegionFolder#removeOrphans()}, which runs before a process creates its first region.
 * The mapping itself stays valid until garbage-collected (Java 17 cannot unmap without
 * {@code Unsafe}), so a late access after {@code close()} reads stale memory but never crashes.
 */
public final class SharedRegion implements AutoCloseable {
    /** Atomic int view of any mapped buffer, native byte order; index in bytes. */
    public static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    /** Atomic long view of any mapped buffer, native byte order; index in bytes. */
    public static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    /** Largest region a single mapping can hold. */
    public static final long MAX_FILE_BYTES = Integer.MAX_VALUE;
    /** How long attach waits for a creator that is still initializing the region. */
    private static final long READY_WAIT_NANOS = 2_000_000_000L;
    private static final long READY_POLL_MILLIS = 1;

    private static final Set<SharedRegion> OWNED = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean EXIT_HOOK = new AtomicBoolean();

    private final Path path;
    private final RegionKind kind;
    private final int layoutVersion;
    private final boolean creator;
    /** This process's hold on the file (see {@link RegionFile}). */
    private final RegionFile hold;
    /** The creator's liveness token. */
    private final long creatorToken;
    private final ByteBuffer file;
    private final ByteBuffer payload;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long payloadAddress;

    private SharedRegion(Path path, RegionKind kind, int layoutVersion, boolean creator, RegionFile hold,
                         MappedByteBuffer mapping) {
        this.path = path;
        this.kind = kind;
        this.layoutVersion = layoutVersion;
        this.creator = creator;
        this.hold = hold;
        this.file = mapping.order(ByteOrder.nativeOrder());
        this.payload = mapping.slice(HEADER_BYTES, mapping.capacity() - HEADER_BYTES).order(ByteOrder.nativeOrder());
        this.creatorToken = file.getLong(CREATOR_TOKEN_OFFSET);
    }

    /**
     * Creates a region of {@code kind} with {@code payloadBytes} of zeroed payload, runs
     * {@code initializer} on it, then publishes it as ready. The memory is reserved up front (a
     * full {@code /dev/shm} fails here with a clear message, not later with SIGBUS).
     *
     * @throws IllegalArgumentException if the size is negative or too large for one mapping
     * @throws UncheckedIOException if the file cannot be created or filled
     */
    public static SharedRegion create(RegionKind kind, int layoutVersion, long payloadBytes,
                                      Consumer<SharedRegion> initializer) {
        if (payloadBytes < 0 || payloadBytes > MAX_FILE_BYTES - HEADER_BYTES) {
            throw new IllegalArgumentException("a " + kind + " region cannot hold " + payloadBytes
                    + " bytes: the payload must be between 0 and " + (MAX_FILE_BYTES - HEADER_BYTES) + " bytes");
        }
        long me = Liveness.self();
        RegionFolder.removeOrphansOnce();
        Path path = RegionFolder.newPath(kind, me);
        long fileBytes = HEADER_BYTES + payloadBytes;
        RegionFile hold;
        MappedByteBuffer mapping;
        try {
            hold = RegionFile.createNew(path, fileBytes);
            try {
                mapping = hold.map(fileBytes);
            } catch (IOException e) {
                hold.release();
                RegionFolder.deleteQuietly(path);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a " + kind + " region of " + fileBytes + " bytes at " + path
                    + ": " + e.getMessage() + " (free space there, or point -D" + SharedFolder.PROPERTY
                    + " at another folder)", e);
        }
        writeHeader(mapping.order(ByteOrder.nativeOrder()), kind, layoutVersion, fileBytes, me);
        SharedRegion region = new SharedRegion(path, kind, layoutVersion, true, hold, mapping);
        hold.keep(region, me);
        registerOwned(region);
        try {
            initializer.accept(region);
        } catch (RuntimeException | Error e) {
            region.close();
            throw e;
        }
        INTS.setRelease(region.file, STATE_OFFSET, STATE_READY);
        return region;
    }

    /**
     * Maps an existing region after checking that it is a ready region of {@code kind} with
     * layout version {@code layoutVersion}.
     *
     * @throws IllegalStateException naming the problem and the fix, if the file is missing,
     *     truncated, corrupted, not a region, of another kind or version, or never finished
     */
    public static SharedRegion attach(Path path, RegionKind kind, int layoutVersion) {
        RegionFolder.checkRegionPath(path);
        RegionFile hold = RegionFile.openExisting(path);
        try {
            MappedByteBuffer mapping;
            try {
                long size = hold.size();
                if (size < HEADER_BYTES) {
                    throw new IllegalStateException("shared region " + path + " is truncated: " + size + " bytes, less than its "
                            + HEADER_BYTES + "-byte header; the file was damaged or is not a region");
                }
                if (size > MAX_FILE_BYTES) {
                    throw new IllegalStateException("file " + path + " is " + size + " bytes, larger than any region; it is not a region");
                }
                mapping = hold.map(size);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot map shared region " + path + ": " + e.getMessage(), e);
            }
            ByteBuffer header = mapping.duplicate().order(ByteOrder.nativeOrder());
            RegionValidation.check(path, header, mapping.capacity(), kind, layoutVersion, READY_WAIT_NANOS, READY_POLL_MILLIS);
            SharedRegion region = new SharedRegion(path, kind, layoutVersion, false, hold, mapping);
            hold.keep(region, region.creatorToken);
            return region;
        } catch (RuntimeException | Error e) {
            hold.release();
            throw e;
        }
    }

    private static void writeHeader(ByteBuffer header, RegionKind kind, int layoutVersion, long fileBytes, long creator) {
        header.putInt(MAGIC_OFFSET, MAGIC);
        header.putInt(HEADER_FORMAT_OFFSET, HEADER_FORMAT);
        header.putInt(KIND_OFFSET, kind.code());
        header.putInt(LAYOUT_VERSION_OFFSET, layoutVersion);
        header.putLong(FILE_SIZE_OFFSET, fileBytes);
        header.putLong(CREATOR_PID_OFFSET, ProcessHandle.current().pid());
        header.putLong(CREATOR_TOKEN_OFFSET, creator);
        header.putLong(CREATED_AT_OFFSET, System.currentTimeMillis());
        header.putInt(CHECKSUM_OFFSET, checksum(header));
    }

    /** CRC32 of the header bytes before {@code state}. */
    static int checksum(ByteBuffer header) {
        CRC32 crc = new CRC32();
        crc.update(header.duplicate().position(0).limit(CHECKSUMMED_BYTES));
        return (int) crc.getValue();
    }

    private static void registerOwned(SharedRegion region) {
        OWNED.add(region);
        if (EXIT_HOOK.compareAndSet(false, true)) {
            ExitSequence.add(ExitSequence.Step.CLOSE_CREATED, SharedRegion::closeAllCreated);
        }
    }

    /** Closes every region this process created and has not closed (at exit). */
    static void closeAllCreated() {
        for (SharedRegion r : OWNED) {
            r.close();
        }
    }

    // ---- identity ----------------------------------------------------------------------------

    public Path path() {
        return path;
    }

    public RegionKind kind() {
        return kind;
    }

    public int layoutVersion() {
        return layoutVersion;
    }

    /** True in the process that created (and owns) the region. */
    public boolean isCreator() {
        return creator;
    }

    /** The liveness token of the process that created the region (see {@link Liveness}). */
    public long creator() {
        return creatorToken;
    }

    /** What a serialized shared object carries to re-attach elsewhere. */
    public RegionHandle handle() {
        return new RegionHandle(path, kind, layoutVersion);
    }

    /** Bytes of payload (the file size minus the header). */
    public int payloadSize() {
        return payload.capacity();
    }

    /**
     * The payload as a buffer in native byte order, index 0 at the first payload byte. Hot paths
     * use it directly with {@link #INTS} and {@link #LONGS}; it is shared, so use absolute
     * (indexed) access only.
     */
    public ByteBuffer payload() {
        return payload;
    }

    /** Native address of payload byte {@code offset}, for futex wait/wake. Binds jnr-ffi on first use. */
    public long address(int offset) {
        checkIndex(offset, 1);
        long base = payloadAddress;
        if (base == 0) {
            base = Posix.address(payload);
            payloadAddress = base;
        }
        return base + offset;
    }

    // ---- int and long access (offsets relative to the payload) ------------------------------

    public int getInt(int offset) {
        return payload.getInt(offset);
    }

    public void putInt(int offset, int value) {
        payload.putInt(offset, value);
    }

    public int getIntVolatile(int offset) {
        return (int) INTS.getVolatile(payload, offset);
    }

    public int getIntAcquire(int offset) {
        return (int) INTS.getAcquire(payload, offset);
    }

    public void setIntRelease(int offset, int value) {
        INTS.setRelease(payload, offset, value);
    }

    public void setIntVolatile(int offset, int value) {
        INTS.setVolatile(payload, offset, value);
    }

    public boolean compareAndSetInt(int offset, int expected, int value) {
        return INTS.compareAndSet(payload, offset, expected, value);
    }

    public int getAndAddInt(int offset, int delta) {
        return (int) INTS.getAndAdd(payload, offset, delta);
    }

    public long getLong(int offset) {
        return payload.getLong(offset);
    }

    public void putLong(int offset, long value) {
        payload.putLong(offset, value);
    }

    public long getLongVolatile(int offset) {
        return (long) LONGS.getVolatile(payload, offset);
    }

    public long getLongAcquire(int offset) {
        return (long) LONGS.getAcquire(payload, offset);
    }

    public void setLongRelease(int offset, long value) {
        LONGS.setRelease(payload, offset, value);
    }

    public void setLongVolatile(int offset, long value) {
        LONGS.setVolatile(payload, offset, value);
    }

    public boolean compareAndSetLong(int offset, long expected, long value) {
        return LONGS.compareAndSet(payload, offset, expected, value);
    }

    public long getAndAddLong(int offset, long delta) {
        return (long) LONGS.getAndAdd(payload, offset, delta);
    }

    // ---- bytes ----------------------------------------------------------------------------------

    /** Copies {@code length} payload bytes from {@code offset} into {@code target}. */
    public void getBytes(int offset, byte[] target, int targetOffset, int length) {
        payload.get(offset, target, targetOffset, length);
    }

    /** Copies {@code length} bytes of {@code source} into the payload at {@code offset}. */
    public void putBytes(int offset, byte[] source, int sourceOffset, int length) {
        payload.put(offset, source, sourceOffset, length);
    }

    private void checkIndex(int offset, int length) {
        if (offset < 0 || offset > payload.capacity() - length) {
            throw new IndexOutOfBoundsException("offset " + offset + " (+" + length + ") outside the "
                    + payload.capacity() + "-byte payload of " + this);
        }
    }

    // ---- lifecycle -------------------------------------------------------------------------------

    /** True once {@link #close()} ran in this process. */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Releases this process's use of the region; in the creator, also marks it closed (every
     * thread blocked on it, in any process, wakes with a {@link RegionClosedException}) and
     * deletes the file, so no further process can attach (those already attached can still use
     * what needs no waiting). Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (creator) {
            OWNED.remove(this);
            INTS.setRelease(file, STATE_OFFSET, STATE_CLOSED);
            RegionFolder.deleteQuietly(path);
        }
        hold.release();
    }

    /**
     * True once the creator closed the region, in whatever process: an operation that would
     * wait on it must not (see {@link #checkNotClosedByCreator}).
     */
    public boolean isClosedByCreator() {
        return (int) INTS.getAcquire(file, STATE_OFFSET) == STATE_CLOSED;
    }

    /**
     * Throws if the creator closed the region: called by every wait before it sleeps, so that a
     * thread blocked on an object its creator closed (explicitly or at exit) wakes instead of
     * waiting for something that will never happen.
     *
     * @throws RegionClosedException naming the region and its creator
     */
    public void checkNotClosedByCreator() {
        if (isClosedByCreator()) {
            throw new RegionClosedException(kind + " region " + path.getFileName() + " was closed by its creator ("
                    + Liveness.describe(creatorToken) + (creator ? ", this process" : "") + ") while this thread waited on it:"
                    + " the object is gone. Keep the creating object open while other processes wait on it");
        }
    }

    @Override
    public String toString() {
        return kind + " region " + path.getFileName() + " (" + payload.capacity() + " bytes, layout v" + layoutVersion
                + (creator ? ", created here" : ", created by " + Liveness.describe(creatorToken)) + (isClosed() ? ", closed" : "") + ")";
    }
}
