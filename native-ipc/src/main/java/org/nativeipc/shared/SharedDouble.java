package org.nativeipc.shared;

import static org.nativeipc.internal.memory.SharedRegion.LONGS;

import java.nio.ByteBuffer;
import java.util.function.DoubleUnaryOperator;

import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.internal.object.SharedObjects;

/**
 * A {@code double} shared by any number of processes: Python's
 * {@code multiprocessing.Value('d')} without the lock. The value is stored as its raw IEEE 754
 * bits in one 8-byte word; {@link #compareAndSet} compares those bits (so {@code NaN} equals a
 * {@code NaN} of the same bits, and {@code 0.0} differs from {@code -0.0}), and
 * {@link #addAndGet} is a compare-and-set loop in the calling process.
 *
 * <p>Sharing, memory ordering and crashes as for {@link SharedLong}: volatile reads and writes,
 * atomic updates, and a process killed at any instruction leaves the old or the new value,
 * never a torn one.
 */
public final class SharedDouble extends SharedObject {
    private static final long serialVersionUID = 1L;

    private final transient ByteBuffer memory;

    SharedDouble(SharedRegion region) {
        super(region, SharedTypes.DOUBLE);
        this.memory = region.payload();
    }

    /**
     * Creates a value holding {@code initial}, in a new region owned by this process.
     *
     * @param initial the first value
     * @return the new value
     */
    public static SharedDouble create(double initial) {
        return SharedObjects.create(SharedTypes.DOUBLE, SharedTypes.valueRecipe(Double.doubleToRawLongBits(initial)), null);
    }

    /**
     * Creates a value named {@code name} holding {@code initial}.
     *
     * @param name the name (1 to 128 ASCII letters, digits, '.', '_', '-')
     * @param initial the first value
     * @return the new value
     * @throws IllegalStateException if the name exists already
     * @throws IllegalArgumentException if the name is not valid
     */
    public static SharedDouble create(String name, double initial) {
        return SharedObjects.create(SharedTypes.DOUBLE, name, SharedTypes.valueRecipe(Double.doubleToRawLongBits(initial)), null);
    }

    /**
     * Attaches to the value named {@code name}.
     *
     * @param name the name
     * @return this process's value of that name
     * @throws IllegalStateException if there is no such name, or it holds another type of object
     * @throws IllegalArgumentException if the name is not valid
     */
    public static SharedDouble open(String name) {
        return SharedObjects.open(SharedTypes.DOUBLE, name, null);
    }

    /**
     * Attaches to the value named {@code name}, creating it with {@code initial} if there is none.
     *
     * @param name the name
     * @param initial the first value, if this call creates it
     * @return this process's value of that name
     * @throws IllegalStateException if the name holds another type of object
     * @throws IllegalArgumentException if the name is not valid
     */
    public static SharedDouble openOrCreate(String name, double initial) {
        return SharedObjects.openOrCreate(SharedTypes.DOUBLE, name, SharedTypes.valueRecipe(Double.doubleToRawLongBits(initial)),
                null);
    }

    /**
     * Removes the name {@code name}; processes that have the value keep using it.
     *
     * @param name the name
     * @return true if it was removed, false if there was no such name
     * @throws IllegalStateException if the name holds another type of object (nothing is removed)
     * @throws IllegalArgumentException if the name is not valid
     */
    public static boolean unlink(String name) {
        return SharedObjects.unlink(SharedTypes.DOUBLE, name);
    }

    /**
     * The current value (volatile read).
     *
     * @return the value
     * @throws IllegalStateException if closed in this process
     */
    public double get() {
        life.checkOpen("get()");
        return Double.longBitsToDouble((long) LONGS.getVolatile(memory, ValueLayout.VALUE_OFFSET));
    }

    /**
     * Sets the value (volatile write).
     *
     * @param value the new value
     * @throws IllegalStateException if closed in this process
     */
    public void set(double value) {
        life.checkOpen("set()");
        LONGS.setVolatile(memory, ValueLayout.VALUE_OFFSET, Double.doubleToRawLongBits(value));
    }

    /**
     * Sets the value to {@code value} if its bits are those of {@code expected}, atomically.
     *
     * @param expected the value it must have (compared bit for bit)
     * @param value the new value
     * @return true if it was set
     * @throws IllegalStateException if closed in this process
     */
    public boolean compareAndSet(double expected, double value) {
        life.checkOpen("compareAndSet()");
        return LONGS.compareAndSet(memory, ValueLayout.VALUE_OFFSET, Double.doubleToRawLongBits(expected),
                Double.doubleToRawLongBits(value));
    }

    /**
     * Adds {@code delta} atomically (a compare-and-set loop).
     *
     * @param delta what to add
     * @return the new value
     * @throws IllegalStateException if closed in this process
     */
    public double addAndGet(double delta) {
        return updateAndGet(current -> current + delta);
    }

    /**
     * Sets the value and returns the old one, atomically.
     *
     * @param value the new value
     * @return the previous value
     * @throws IllegalStateException if closed in this process
     */
    public double getAndSet(double value) {
        life.checkOpen("getAndSet()");
        return Double.longBitsToDouble((long) LONGS.getAndSet(memory, ValueLayout.VALUE_OFFSET, Double.doubleToRawLongBits(value)));
    }

    /**
     * Replaces the value by {@code function} of it, atomically: the function runs in this
     * process, in a compare-and-set loop, so it may run more than once (no side effects).
     *
     * @param function computes the new value from the current one
     * @return the new value
     * @throws IllegalStateException if closed in this process
     */
    public double updateAndGet(DoubleUnaryOperator function) {
        life.checkOpen("updateAndGet()");
        while (true) {
            long bits = (long) LONGS.getVolatile(memory, ValueLayout.VALUE_OFFSET);
            double next = function.applyAsDouble(Double.longBitsToDouble(bits));
            if (LONGS.compareAndSet(memory, ValueLayout.VALUE_OFFSET, bits, Double.doubleToRawLongBits(next))) {
                return next;
            }
        }
    }
}
