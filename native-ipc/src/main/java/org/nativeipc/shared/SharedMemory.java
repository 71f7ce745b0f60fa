package org.nativeipc.shared;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.internal.object.SharedObjects;

/**
 * A block of raw bytes shared by any number of processes: Python's
 * {@code multiprocessing.shared_memory.SharedMemory}. {@link #buffer()} is a {@link ByteBuffer}
 * over the bytes (Python's {@code buf}) in native byte order; what goes in them, and how
 * processes take turns, is the caller's affair (pair it with a
 * {@link org.nativeipc.sync.SharedLock}, or use the buffer's absolute accessors with
 * {@link java.lang.invoke.MethodHandles#byteBufferViewVarHandle} for atomic access).
 *
 * <pre>{@code
 * SharedMemory block = SharedMemory.create(1 << 20);
 * new ChildProcess(() -> block.buffer().putLong(0, 42)).start();
 * }</pre>
 *
 * <p>The bytes start zeroed on a 64-byte boundary. The block travels to a child in a task's
 * captures like every shared object; named blocks ({@link #create(String, long)}) reach
 * independent programs. A buffer obtained before {@link #close()} stays readable and writable
 * (the mapping lives as long as the buffer), but once the creator of an anonymous block closed
 * it no new process can attach. The largest block is a little under 2 GiB (one region).
 */
public final class SharedMemory extends SharedObject {
    private static final long serialVersionUID = 1L;

    private final transient long size;

    SharedMemory(SharedRegion region) {
        super(region, SharedTypes.MEMORY);
        this.size = region.getLong(MemoryLayout.SIZE_OFFSET);
        if (size < 0 || size > region.payloadSize() - MemoryLayout.BYTES_OFFSET) {
            throw new IllegalStateException(life.displayName() + " is damaged: it records " + size + " bytes in a payload of "
                    + region.payloadSize() + " bytes: remove it and create it again");
        }
    }

    /**
     * Creates a zeroed block of {@code bytes} bytes in a new region owned by this process.
     *
     * @param bytes the size
     * @return the new block
     * @throws IllegalArgumentException if {@code bytes} is negative or larger than one region holds
     */
    public static SharedMemory create(long bytes) {
        return SharedObjects.create(SharedTypes.MEMORY, SharedTypes.memoryRecipe(bytes), null);
    }

    /**
     * Creates a zeroed block of {@code bytes} bytes named {@code name} (Python's
     * {@code SharedMemory(name, create=True, size=bytes)}).
     *
     * @param name the name (1 to 128 ASCII letters, digits, '.', '_', '-')
     * @param bytes the size
     * @return the new block
     * @throws IllegalStateException if the name exists already
     * @throws IllegalArgumentException if the name is not valid, or {@code bytes} is negative or too large
     */
    public static SharedMemory create(String name, long bytes) {
        return SharedObjects.create(SharedTypes.MEMORY, name, SharedTypes.memoryRecipe(bytes), null);
    }

    /**
     * Attaches to the block named {@code name} (Python's {@code SharedMemory(name)}).
     *
     * @param name the name
     * @return this process's block of that name
     * @throws IllegalStateException if there is no such name, or it holds another type of object
     * @throws IllegalArgumentException if the name is not valid
     */
    public static SharedMemory open(String name) {
        return SharedObjects.open(SharedTypes.MEMORY, name, null);
    }

    /**
     * Attaches to the block named {@code name}, creating it if there is none.
     *
     * @param name the name
     * @param bytes the size (an existing block must have this size)
     * @return this process's block of that name
     * @throws IllegalStateException if an existing block has another size, or the name holds another type
     * @throws IllegalArgumentException if the name is not valid, or {@code bytes} is negative or too large
     */
    public static SharedMemory openOrCreate(String name, long bytes) {
        return SharedObjects.openOrCreate(SharedTypes.MEMORY, name, SharedTypes.memoryRecipe(bytes), null);
    }

    /**
     * Removes the name {@code name} (Python's {@code unlink()}); processes that have the block keep using it.
     *
     * @param name the name
     * @return true if it was removed, false if there was no such name
     * @throws IllegalStateException if the name holds another type of object (nothing is removed)
     * @throws IllegalArgumentException if the name is not valid
     */
    public static boolean unlink(String name) {
        return SharedObjects.unlink(SharedTypes.MEMORY, name);
    }

    /**
     * The size in bytes, as created.
     *
     * @return the size
     */
    public long size() {
        return size;
    }

    /**
     * A new buffer over the bytes: position 0, limit and capacity {@link #size()}, native byte
     * order. Each call returns an independent buffer (its own position and limit) over the same
     * memory.
     *
     * @return the buffer
     * @throws IllegalStateException if closed in this process
     */
    public ByteBuffer buffer() {
        life.checkOpen("buffer()");
        return region.payload().slice(MemoryLayout.BYTES_OFFSET, (int) size).order(ByteOrder.nativeOrder());
    }
}
