package org.nativeipc.shared;

import static org.nativeipc.internal.memory.SharedRegion.LONGS;

import java.lang.invoke.VarHandle;

import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.internal.object.SharedObjects;

/**
 * A fixed-length array of {@code long}s shared by any number of processes, with the methods of
 * {@link java.util.concurrent.atomic.AtomicLongArray}: Python's {@code multiprocessing.Array('q', n)}
 * without the lock, each element updated by one atomic instruction.
 *
 * <p>Element reads and writes are volatile; {@link #copyTo} and {@link #copyFrom} move ranges
 * element by element (each element atomic, the range as a whole not: guard it with a
 * {@link org.nativeipc.sync.SharedLock} when a reader must see a range written together).
 * Indexes outside the array throw {@link IndexOutOfBoundsException} naming the index, the
 * length and the array. A process killed at any instruction leaves every element old or new,
 * never torn. Sharing as for {@link SharedLong}; the layout is {@link ArrayLayout}.
 */
public final class SharedLongArray extends SharedArray {
    private static final long serialVersionUID = 1L;

    SharedLongArray(SharedRegion region) {
        super(region, SharedTypes.LONG_ARRAY, Long.BYTES);
    }

    /**
     * Creates an array of {@code length} zeros, in a new region owned by this process.
     *
     * @param length the number of elements
     * @return the new array
     * @throws IllegalArgumentException if {@code length} is negative or too large for one region
     */
    public static SharedLongArray create(int length) {
        return SharedObjects.create(SharedTypes.LONG_ARRAY, SharedTypes.arrayRecipe(length, Long.BYTES), null);
    }

    /**
     * Creates an array of {@code length} zeros named {@code name}.
     *
     * @param name the name (1 to 128 ASCII letters, digits, '.', '_', '-')
     * @param length the number of elements
     * @return the new array
     * @throws IllegalStateException if the name exists already
     * @throws IllegalArgumentException if the name is not valid, or {@code length} is negative or too large
     */
    public static SharedLongArray create(String name, int length) {
        return SharedObjects.create(SharedTypes.LONG_ARRAY, name, SharedTypes.arrayRecipe(length, Long.BYTES), null);
    }

    /**
     * Attaches to the array named {@code name}.
     *
     * @param name the name
     * @return this process's array of that name
     * @throws IllegalStateException if there is no such name, or it holds another type of object
     * @throws IllegalArgumentException if the name is not valid
     */
    public static SharedLongArray open(String name) {
        return SharedObjects.open(SharedTypes.LONG_ARRAY, name, null);
    }

    /**
     * Attaches to the array named {@code name}, creating it if there is none.
     *
     * @param name the name
     * @param length the number of elements (an existing array must have this length)
     * @return this process's array of that name
     * @throws IllegalStateException if an existing array has another length, or the name holds another type
     * @throws IllegalArgumentException if the name is not valid, or {@code length} is negative or too large
     */
    public static SharedLongArray openOrCreate(String name, int length) {
        return SharedObjects.openOrCreate(SharedTypes.LONG_ARRAY, name, SharedTypes.arrayRecipe(length, Long.BYTES), null);
    }

    /**
     * Removes the name {@code name}; processes that have the array keep using it.
     *
     * @param name the name
     * @return true if it was removed, false if there was no such name
     * @throws IllegalStateException if the name holds another type of object (nothing is removed)
     * @throws IllegalArgumentException if the name is not valid
     */
    public static boolean unlink(String name) {
        return SharedObjects.unlink(SharedTypes.LONG_ARRAY, name);
    }

    /**
     * Element {@code i} (volatile read).
     *
     * @param i the index
     * @return the element
     * @throws IndexOutOfBoundsException if {@code i} is outside the array
     * @throws IllegalStateException if closed in this process
     */
    public long get(int i) {
        return (long) LONGS.getVolatile(memory, offset(i, "get()"));
    }

    /**
     * Sets element {@code i} (volatile write).
     *
     * @param i the index
     * @param value the new value
     * @throws IndexOutOfBoundsException if {@code i} is outside the array
     * @throws IllegalStateException if closed in this process
     */
    public void set(int i, long value) {
        LONGS.setVolatile(memory, offset(i, "set()"), value);
    }

    /**
     * Sets element {@code i} to {@code value} if it is {@code expected}, atomically.
     *
     * @param i the index
     * @param expected the value it must have
     * @param value the new value
     * @return true if it was set
     * @throws IndexOutOfBoundsException if {@code i} is outside the array
     * @throws IllegalStateException if closed in this process
     */
    public boolean compareAndSet(int i, long expected, long value) {
        return LONGS.compareAndSet(memory, offset(i, "compareAndSet()"), expected, value);
    }

    /**
     * Adds {@code delta} to element {@code i} atomically.
     *
     * @param i the index
     * @param delta what to add
     * @return the new value
     * @throws IndexOutOfBoundsException if {@code i} is outside the array
     * @throws IllegalStateException if closed in this process
     */
    public long addAndGet(int i, long delta) {
        return (long) LONGS.getAndAdd(memory, offset(i, "addAndGet()"), delta) + delta;
    }

    /**
     * Adds {@code delta} to element {@code i} atomically.
     *
     * @param i the index
     * @param delta what to add
     * @return the previous value
     * @throws IndexOutOfBoundsException if {@code i} is outside the array
     * @throws IllegalStateException if closed in this process
     */
    public long getAndAdd(int i, long delta) {
        return (long) LONGS.getAndAdd(memory, offset(i, "getAndAdd()"), delta);
    }

    /**
     * Adds one to element {@code i} atomically.
     *
     * @param i the index
     * @return the new value
     * @throws IndexOutOfBoundsException if {@code i} is outside the array
     * @throws IllegalStateException if closed in this process
     */
    public long incrementAndGet(int i) {
        return addAndGet(i, 1);
    }

    /**
     * Copies {@code count} elements from index {@code from} into {@code target} at {@code targetIndex}.
     *
     * @param from the first index of this array
     * @param target the Java array
     * @param targetIndex where in {@code target} the first element goes
     * @param count the number of elements
     * @throws IndexOutOfBoundsException if the range is outside either array
     * @throws IllegalStateException if closed in this process
     */
    public void copyTo(int from, long[] target, int targetIndex, int count) {
        checkRange("copyTo()", from, count, target.length, targetIndex);
        for (int k = 0; k < count; k++) {
            target[targetIndex + k] = (long) LONGS.getOpaque(memory, offsetUnchecked(from + k));
        }
        VarHandle.acquireFence();
    }

    /**
     * Copies {@code count} elements of {@code source} from {@code sourceIndex} into this array at index {@code to}.
     *
     * @param source the Java array
     * @param sourceIndex the first element of {@code source}
     * @param to where in this array the first element goes
     * @param count the number of elements
     * @throws IndexOutOfBoundsException if the range is outside either array
     * @throws IllegalStateException if closed in this process
     */
    public void copyFrom(long[] source, int sourceIndex, int to, int count) {
        checkRange("copyFrom()", to, count, source.length, sourceIndex);
        VarHandle.releaseFence();
        for (int k = 0; k < count; k++) {
            LONGS.setOpaque(memory, offsetUnchecked(to + k), source[sourceIndex + k]);
        }
        VarHandle.fullFence();
    }

    /**
     * All elements, copied into a new Java array.
     *
     * @return the copy
     * @throws IllegalStateException if closed in this process
     */
    public long[] toArray() {
        long[] copy = new long[length()];
        copyTo(0, copy, 0, copy.length);
        return copy;
    }
}
