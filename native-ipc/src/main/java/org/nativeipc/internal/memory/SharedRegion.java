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

import org.nativeipc.internal.lifecycle.ExitSequence;
import org.nativeipc.internal.liveness.Liveness;
import org.nativeipc.internal.posix.Posix;

/**
 * A file in the shared-memory folder, mapped into this process: the ground every shared
 * structure stands on.
 *
 * <p>The file starts with a {@link RegionHeaderLayout header} (magic, format, kind, layout
 * version, object type, size, creator identity, checksum). {@link #create} writes it and runs
 * the structure's initializer before publishing the region as ready; {@link #attach} checks
 * every field and refuses, with a message that says what is wrong and what to do, a missing,
 * truncated, corrupted or foreign file, another kind of structure, or another layout version.
 *
 * <p>Offsets given to the accessors are relative to the payload (the byte after the header).
 * The atomic accessors go through {@link MethodHandles#byteBufferViewVarHandle}, which works
 * across processes on a shared mapping with no JVM flags; they need naturally aligned offsets.
 *
 * <p><b>Lifetime.</b> An anonymous region ({@link #create}) belongs to its creator:
 * {@link #close()} unlinks it, and so does a shutdown hook for regions still open at normal
 * exit; files of creators that died without either are removed by
 * {@link RegionFolder#removeOrphans()}, which runs before a process creates its first region.
 * A named region ({@link #createNamed}) is made complete under an anonymous name and then
 * published under its name with {@code link(2)}, which fails if the name exists: no process
 * ever sees it half made, and of racing creators exactly one wins. It lives until its name is
 * unlinked, whoever created it and whether or not that process still runs. The mapping itself
 * stays valid until garbage-collected (Java 17 cannot unmap without {@code Unsafe}), so a late
 * access after {@code close()} reads stale memory but never crashes.
 */
public final class SharedRegion implements AutoCloseable {
    /** Atomic int view of any mapped buffer, native byte order; index in bytes. */
    public static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    /** Atomic long view of any mapped buffer, native byte order; index in bytes. */
    public static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    /** Largest region a single mapping can hold. */
    public static final long MAX_FILE_BYTES = Integer.MAX_VALUE;

    private static final Set<SharedRegion> OWNED = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean EXIT_HOOK = new AtomicBoolean();

    /** The file's path: its anonymous name, or for a named region (once published) its name. */
    private volatile Path path;
    private final RegionFormat format;
    private final boolean creator;
    /** True while closing must remove the file: in the creator of an anonymous region. */
    private volatile boolean removeOnClose;
    /** This process's hold on the file (see {@link RegionFile}). */
    private final RegionFile hold;
    /** The creator's liveness token. */
    private final long creatorToken;
    private final ByteBuffer file;
    private final ByteBuffer payload;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long payloadAddress;

    SharedRegion(Path path, RegionFormat format, boolean creator, RegionFile hold, MappedByteBuffer mapping) {
        this.path = path;
        this.format = format;
        this.creator = creator;
        this.removeOnClose = creator;
        this.hold = hold;
        this.file = mapping.order(ByteOrder.nativeOrder());
        this.payload = mapping.slice(HEADER_BYTES, mapping.capacity() - HEADER_BYTES).order(ByteOrder.nativeOrder());
        this.creatorToken = file.getLong(CREATOR_TOKEN_OFFSET);
    }

    /** As {@link #create(RegionFormat, long, Consumer)}, for a region that holds no public object. */
    public static SharedRegion create(RegionKind kind, int layoutVersion, long payloadBytes, Consumer<SharedRegion> initializer) {
        return create(RegionFormat.of(kind, layoutVersion), payloadBytes, initializer);
    }

    /**
     * Creates an anonymous region of {@code format} with {@code payloadBytes} of zeroed payload,
     * runs {@code initializer} on it, then publishes it as ready. The memory is reserved up front
     * (a full {@code /dev/shm} fails here with a clear message, not later with SIGBUS).
     *
     * @throws IllegalArgumentException if the size is negative or too large for one mapping
     * @throws UncheckedIOException if the file cannot be created or filled
     */
    public static SharedRegion create(RegionFormat format, long payloadBytes, Consumer<SharedRegion> initializer) {
        return RegionMaker.create(format, payloadBytes, initializer);
    }

    /**
     * Creates a region as {@link #create} does, then publishes it under {@code name} (a path made
     * by {@link RegionFolder#namedPath}) if no file has that name: atomically, so that attachers
     * never see it half made and of racing creators exactly one succeeds. The region then lives
     * until the name is unlinked; closing it, or this process's exit, only releases it here.
     *
     * @return the region, or null if the name exists (nothing is left behind)
     * @throws IllegalArgumentException if the size is out of range or {@code name} is not a named path
     * @throws UncheckedIOException if the file cannot be created, filled or published
     */
    public static SharedRegion createNamed(Path name, RegionFormat format, long payloadBytes, Consumer<SharedRegion> initializer) {
        return RegionMaker.createNamed(name, format, payloadBytes, initializer);
    }

    /** As {@link #attach(Path, RegionExpectation)}, expecting exactly {@code kind} and {@code layoutVersion}. */
    public static SharedRegion attach(Path path, RegionKind kind, int layoutVersion) {
        return attach(path, RegionExpectation.of(kind, layoutVersion));
    }

    /**
     * Maps an existing region after checking that it is a sound, ready region that holds what
     * {@code expected} wants.
     *
     * @throws IllegalStateException naming the problem and the fix, if the file is missing,
     *     truncated, corrupted, not a region, of another kind or version, or never finished
     */
    public static SharedRegion attach(Path path, RegionExpectation expected) {
        RegionFolder.checkRegionPath(path);
        return RegionMaker.map(path, RegionFile.openExisting(path), expected);
    }

    /**
     * As {@link #attach(Path, RegionExpectation)}, but returns null if there is no file at
     * {@code path} (or it is being removed).
     */
    public static SharedRegion attachIfPresent(Path path, RegionExpectation expected) {
        RegionFolder.checkRegionPath(path);
        RegionFile hold = RegionFile.openIfPresent(path);
        return hold == null ? null : RegionMaker.map(path, hold, expected);
    }

    /** Marks the region ready (creator, once initialized). */
    void markReady() {
        INTS.setRelease(file, STATE_OFFSET, STATE_READY);
    }

    /** The region is now published under {@code name} (creator): it lives until unlinked. */
    void publishedAs(Path name) {
        removeOnClose = false;
        path = name;
        OWNED.remove(this);
        hold.keepNamed();
    }

    /** The creator's liveness token, as its header names it (for the hold's removal rule). */
    long creatorToken() {
        return creatorToken;
    }

    static void registerOwned(SharedRegion region) {
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
        return format.kind();
    }

    public int layoutVersion() {
        return format.layoutVersion();
    }

    /** What the region holds: kind, layout version, object type. */
    public RegionFormat format() {
        return format;
    }

    /** The name the region was published under ({@link #createNamed}), or null for an anonymous region. */
    public String name() {
        return RegionFolder.nameOf(path);
    }

    /**
     * True if the region's path still names this very file (it was not unlinked, or unlinked
     * and its name given to another region). Costs a {@code stat}.
     */
    public boolean isAtPath() {
        return hold.isAt(path);
    }

    /**
     * The inode of the region's file: what names a named region's large elements (see
     * {@link SideFiles}), since a name can be unlinked and given to another region.
     *
     * @throws UncheckedIOException if the kernel cannot tell
     */
    public long inode() {
        try {
            return hold.inode();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the inode of shared region " + path + ": " + e, e);
        }
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
        return new RegionHandle(path, format.kind(), format.layoutVersion());
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

    /**
     * Runs every atomic access mode of {@link #INTS} and {@link #LONGS} that a region uses, once,
     * on a scratch buffer, so that the method handles behind them are linked: a fresh JVM spins
     * tens of classes for that at their first use, which a spare JVM does while it waits for its
     * task rather than when its task first touches a region.
     */
    public static void linkAccessors() {
        ByteBuffer payload = ByteBuffer.allocateDirect(Long.BYTES).order(ByteOrder.nativeOrder());
        int offset = 0;
        INTS.setRelease(payload, offset, (int) INTS.getVolatile(payload, offset) + (int) INTS.getAcquire(payload, offset));
        INTS.setVolatile(payload, offset, (int) INTS.getAndAdd(payload, offset, 1));
        INTS.compareAndSet(payload, offset, 0, 0);
        LONGS.setRelease(payload, offset, (long) LONGS.getVolatile(payload, offset) + (long) LONGS.getAcquire(payload, offset));
        LONGS.setVolatile(payload, offset, (long) LONGS.getAndAdd(payload, offset, 1L));
        LONGS.compareAndSet(payload, offset, 0L, 0L);
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
     * Releases this process's use of the region. In the creator of an anonymous region, also
     * marks it closed (every thread blocked on it, in any process, wakes with a
     * {@link RegionClosedException}) and deletes the file, so no further process can attach
     * (those already attached can still use what needs no waiting). A named region stays, usable,
     * until its name is unlinked. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (creator) {
            OWNED.remove(this);
        }
        if (removeOnClose) {
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
            throw new RegionClosedException(format.displayType() + " region " + path.getFileName() + " was closed by its creator ("
                    + Liveness.describe(creatorToken) + (creator ? ", this process" : "") + ") while this thread waited on it:"
                    + " the object is gone. Keep the creating object open while other processes wait on it");
        }
    }

    @Override
    public String toString() {
        String name = name();
        return format.displayType() + " region " + (name != null ? "'" + name + "'" : path.getFileName()) + " (" + payload.capacity()
                + " bytes, layout v" + format.layoutVersion()
                + (creator ? ", created here" : ", created by " + Liveness.describe(creatorToken)) + (isClosed() ? ", closed" : "") + ")";
    }
}
