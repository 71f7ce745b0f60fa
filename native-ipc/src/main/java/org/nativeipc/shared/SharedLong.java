package org.nativeipc.shared;

import static org.nativeipc.internal.memory.SharedRegion.LONGS;

import java.nio.ByteBuffer;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;

import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.internal.object.ObjectType;
import org.nativeipc.internal.object.SharedObjects;

/**
 * A {@code long} shared by any number of processes, with the methods of
 * {@link java.util.concurrent.atomic.AtomicLong}: Python's {@code multiprocessing.Value('q')}
 * without the lock, because every operation here is one atomic instruction in shared memory.
 *
 * <pre>{@code
 * SharedLong hits = SharedLong.create(0);
 * for (int i = 0; i < 4; i++) {
 *     new ChildProcess(() -> {
 *         for (int n = 0; n < 1000; n++) {
 *             hits.incrementAndGet();
 *         }
 *     }).start();
 * }
 * // after joining the children: hits.get() == 4000
 * }</pre>
 *
 * <p><b>Python's {@code get_lock()}.</b> {@code with v.get_lock(): v.value += 1} is
 * {@link #incrementAndGet()} here. To update several values together, guard them with one
 * {@link org.nativeipc.sync.SharedLock} (it travels beside them in a task, as Python's lock does).
 *
 * <p><b>Memory ordering.</b> As {@code AtomicLong}: {@link #get()} and {@link #set(long)} are
 * volatile, the read-modify-write methods are atomic and volatile; {@link #getAndUpdate} and
 * {@link #updateAndGet} call their function in the calling process in a compare-and-set loop,
 * so it may run more than once and must have no side effects.
 *
 * <p><b>Sharing and crashes.</b> The value lives in one cache line of a small region
 * ({@link ValueLayout}); it travels to a child inside a task's captures and re-attaches there.
 * A process killed at any instruction leaves the old or the new value, never a torn one, and
 * nothing to recover. Anonymous values belong to their creator ({@link #close()} there removes
 * the file); named ones ({@link #create(String, long)}) live until {@link #unlink(String)}.
 */
public final class SharedLong extends SharedObject {
    private static final long serialVersionUID = 1L;

    private final transient ByteBuffer memory;

    SharedLong(SharedRegion region) {
        super(region, SharedTypes.LONG);
        this.memory = region.payload();
    }

    /**
     * Creates a value holding {@code initial}, in a new region owned by this process.
     *
     * @param initial the first value
     * @return the new value
     */
    public static SharedLong create(long initial) {
        return SharedObjects.create(SharedTypes.LONG, SharedTypes.valueRecipe(initial), null);
    }

    /**
     * Creates a value named {@code name} holding {@code initial}, for any process to
     * {@linkplain #open(String) open} until the name is {@linkplain #unlink(String) unlinked}.
     *
     * @param name the name (1 to 128 ASCII letters, digits, '.', '_', '-')
     * @param initial the first value
     * @return the new value
     * @throws IllegalStateException if the name exists already
     * @throws IllegalArgumentException if the name is not valid
     */
    public static SharedLong create(String name, long initial) {
        return SharedObjects.create(SharedTypes.LONG, name, SharedTypes.valueRecipe(initial), null);
    }

    /**
     * Attaches to the value named {@code name} (in one process, always the same object).
     *
     * @param name the name
     * @return this process's value of that name
     * @throws IllegalStateException if there is no such name (the message says how to create
     *     it), or it holds another type of object
     * @throws IllegalArgumentException if the name is not valid
     */
    public static SharedLong open(String name) {
        return SharedObjects.open(SharedTypes.LONG, name, null);
    }

    /**
     * Attaches to the value named {@code name}, creating it with {@code initial} if there is
     * none: of processes racing here, exactly one creates it; an existing value keeps its value.
     *
     * @param name the name
     * @param initial the first value, if this call creates it
     * @return this process's value of that name
     * @throws IllegalStateException if the name holds another type of object
     * @throws IllegalArgumentException if the name is not valid
     */
    public static SharedLong openOrCreate(String name, long initial) {
        return SharedObjects.openOrCreate(SharedTypes.LONG, name, SharedTypes.valueRecipe(initial), null);
    }

    /**
     * Removes the name {@code name}: processes that have the value keep using it, and its
     * memory goes when the last of them closes it or exits.
     *
     * @param name the name
     * @return true if it was removed, false if there was no such name
     * @throws IllegalStateException if the name holds another type of object (nothing is removed)
     * @throws IllegalArgumentException if the name is not valid
     */
    public static boolean unlink(String name) {
        return SharedObjects.unlink(SharedTypes.LONG, name);
    }

    /**
     * The current value (volatile read).
     *
     * @return the value
     * @throws IllegalStateException if closed in this process
     */
    public long get() {
        life.checkOpen("get()");
        return (long) LONGS.getVolatile(memory, ValueLayout.VALUE_OFFSET);
    }

    /**
     * Sets the value (volatile write).
     *
     * @param value the new value
     * @throws IllegalStateException if closed in this process
     */
    public void set(long value) {
        life.checkOpen("set()");
        LONGS.setVolatile(memory, ValueLayout.VALUE_OFFSET, value);
    }

    /**
     * Sets the value and returns the old one, atomically.
     *
     * @param value the new value
     * @return the previous value
     * @throws IllegalStateException if closed in this process
     */
    public long getAndSet(long value) {
        life.checkOpen("getAndSet()");
        return (long) LONGS.getAndSet(memory, ValueLayout.VALUE_OFFSET, value);
    }

    /**
     * Sets the value to {@code value} if it is {@code expected}, atomically.
     *
     * @param expected the value it must have
     * @param value the new value
     * @return true if it was set, false if the value was not {@code expected}
     * @throws IllegalStateException if closed in this process
     */
    public boolean compareAndSet(long expected, long value) {
        life.checkOpen("compareAndSet()");
        return LONGS.compareAndSet(memory, ValueLayout.VALUE_OFFSET, expected, value);
    }

    /**
     * Adds {@code delta} atomically.
     *
     * @param delta what to add
     * @return the new value
     * @throws IllegalStateException if closed in this process
     */
    public long addAndGet(long delta) {
        life.checkOpen("addAndGet()");
        return (long) LONGS.getAndAdd(memory, ValueLayout.VALUE_OFFSET, delta) + delta;
    }

    /**
     * Adds {@code delta} atomically.
     *
     * @param delta what to add
     * @return the previous value
     * @throws IllegalStateException if closed in this process
     */
    public long getAndAdd(long delta) {
        life.checkOpen("getAndAdd()");
        return (long) LONGS.getAndAdd(memory, ValueLayout.VALUE_OFFSET, delta);
    }

    /**
     * Adds one atomically.
     *
     * @return the new value
     * @throws IllegalStateException if closed in this process
     */
    public long incrementAndGet() {
        return addAndGet(1);
    }

    /**
     * Subtracts one atomically.
     *
     * @return the new value
     * @throws IllegalStateException if closed in this process
     */
    public long decrementAndGet() {
        return addAndGet(-1);
    }

    /**
     * Adds one atomically.
     *
     * @return the previous value
     * @throws IllegalStateException if closed in this process
     */
    public long getAndIncrement() {
        return getAndAdd(1);
    }

    /**
     * Subtracts one atomically.
     *
     * @return the previous value
     * @throws IllegalStateException if closed in this process
     */
    public long getAndDecrement() {
        return getAndAdd(-1);
    }

    /**
     * Replaces the value by {@code function} of it, atomically: the function runs in this
     * process, in a compare-and-set loop, so it may run more than once (no side effects).
     *
     * @param function computes the new value from the current one
     * @return the previous value
     * @throws IllegalStateException if closed in this process
     */
    public long getAndUpdate(LongUnaryOperator function) {
        life.checkOpen("getAndUpdate()");
        while (true) {
            long current = (long) LONGS.getVolatile(memory, ValueLayout.VALUE_OFFSET);
            if (LONGS.compareAndSet(memory, ValueLayout.VALUE_OFFSET, current, function.applyAsLong(current))) {
                return current;
            }
        }
    }

    /**
     * Replaces the value by {@code function} of it, atomically, as {@link #getAndUpdate}.
     *
     * @param function computes the new value from the current one
     * @return the new value
     * @throws IllegalStateException if closed in this process
     */
    public long updateAndGet(LongUnaryOperator function) {
        life.checkOpen("updateAndGet()");
        while (true) {
            long current = (long) LONGS.getVolatile(memory, ValueLayout.VALUE_OFFSET);
            long next = function.applyAsLong(current);
            if (LONGS.compareAndSet(memory, ValueLayout.VALUE_OFFSET, current, next)) {
                return next;
            }
        }
    }

    /**
     * Replaces the value by {@code function(current, x)}, atomically, as {@link #getAndUpdate}.
     *
     * @param x the second argument of the function
     * @param function computes the new value from the current one and {@code x}
     * @return the new value
     * @throws IllegalStateException if closed in this process
     */
    public long accumulateAndGet(long x, LongBinaryOperator function) {
        return updateAndGet(current -> function.applyAsLong(current, x));
    }
}
