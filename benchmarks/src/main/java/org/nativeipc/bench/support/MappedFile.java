package org.nativeipc.bench.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain file in {@code /dev/shm} mapped into this process: the shared memory of the peer
 * benchmarks (Agrona's rings, the control words every cross-process benchmark uses). It is not
 * a native-ipc region on purpose: the peers get exactly what they would get in their own
 * deployments, a mapped file, and nothing of native-ipc sits on their path.
 *
 * <p>Files are named {@value #PREFIX}{@code <pid>-<n>-<name>}; the creator deletes its file on
 * {@link #close()}, and {@code benchmarks/compare} removes files left by a killed run.
 */
public final class MappedFile implements AutoCloseable {
    /** Name prefix of every benchmark file, so leftovers are easy to find and remove. */
    public static final String PREFIX = "nipcbench-";
    private static final Path FOLDER = Path.of(System.getProperty("nativeipc.bench.folder", "/dev/shm"));
    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** Touch one byte per page so the first measured writes do not pay for page faults. */
    private static final int PAGE_BYTES = 4096;

    private final Path path;
    private final boolean creator;
    private final MappedByteBuffer buffer;

    private MappedFile(Path path, boolean creator, MappedByteBuffer buffer) {
        this.path = path;
        this.creator = creator;
        this.buffer = buffer;
        buffer.order(ByteOrder.nativeOrder());
    }

    /** Creates a zero-filled file of {@code bytes}, maps it and touches every page. */
    public static MappedFile create(String name, long bytes) {
        if (bytes <= 0 || bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a benchmark file must hold 1.." + Integer.MAX_VALUE + " bytes, not " + bytes);
        }
        Path path = FOLDER.resolve(PREFIX + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet() + "-" + name);
        MappedFile file = map(path, bytes, true);
        for (int i = 0; i < bytes; i += PAGE_BYTES) {
            file.buffer.put(i, (byte) 0);
        }
        return file;
    }

    /** Maps an existing file created by another process. */
    public static MappedFile open(String path) {
        Path p = Path.of(path);
        try {
            return map(p, Files.size(p), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open benchmark file " + path + ": " + e.getMessage(), e);
        }
    }

    private static MappedFile map(Path path, long bytes, boolean create) {
        StandardOpenOption[] options = create
                ? new StandardOpenOption[] {StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE}
                : new StandardOpenOption[] {StandardOpenOption.READ, StandardOpenOption.WRITE};
        try (FileChannel channel = FileChannel.open(path, options)) {
            return new MappedFile(path, create, channel.map(FileChannel.MapMode.READ_WRITE, 0, bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map benchmark file " + path + " (" + bytes + " bytes): " + e.getMessage(), e);
        }
    }

    /** The whole mapping, native byte order; use absolute access only. */
    public ByteBuffer buffer() {
        return buffer;
    }

    /** A view of {@code length} bytes from {@code offset}, native byte order. */
    public ByteBuffer slice(int offset, int length) {
        return buffer.slice(offset, length).order(ByteOrder.nativeOrder());
    }

    public String path() {
        return path.toString();
    }

    /** Deletes the file if this process created it (the mapping lives until garbage-collected). */
    @Override
    public void close() {
        if (creator) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete benchmark file " + path, e);
            }
        }
    }

    @Override
    public String toString() {
        return "MappedFile[" + path + ", " + buffer.capacity() + " bytes" + (creator ? ", creator" : "") + "]";
    }
}
