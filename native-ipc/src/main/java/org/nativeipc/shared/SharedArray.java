package org.nativeipc.shared;

import java.nio.ByteBuffer;

import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.internal.object.ObjectType;

/**
 * What the three shared arrays have in common: the length read from the region (checked
 * against the region's size on attach), index and range checks whose errors name the index, the
 * length and the array, and the byte offset of an element. Not public.
 */
abstract class SharedArray extends SharedObject {
    private static final long serialVersionUID = 1L;

    final transient ByteBuffer memory;
    private final transient int length;
    private final transient int shift;

    SharedArray(SharedRegion region, ObjectType<?> type, int elementBytes) {
        super(region, type);
        this.memory = region.payload();
        this.length = region.getInt(ArrayLayout.LENGTH_OFFSET);
        this.shift = Integer.numberOfTrailingZeros(elementBytes);
        int recorded = region.getInt(ArrayLayout.ELEMENT_BYTES_OFFSET);
        if (recorded != elementBytes || length < 0 || ArrayLayout.payloadBytes(length, elementBytes) > region.payloadSize()) {
            throw new IllegalStateException(life.displayName() + " is damaged: it records " + length + " elements of "
                    + recorded + " bytes in a payload of " + region.payloadSize() + " bytes (a " + type.name()
                    + " has elements of " + elementBytes + " bytes): remove it and create it again");
        }
    }

    /**
     * The number of elements, fixed at creation.
     *
     * @return the length
     */
    public int length() {
        return length;
    }

    /** The byte offset of element {@code index}, after checking that it exists and the array is open. */
    final int offset(int index, String operation) {
        life.checkOpen(operation);
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException(operation + ": index " + index + " is out of bounds for " + life.displayName()
                    + " of length " + length);
        }
        return ArrayLayout.ELEMENTS_OFFSET + (index << shift);
    }

    /** Checks a bulk copy of {@code count} elements from index {@code start} of this array and of a Java array. */
    final void checkRange(String operation, int start, int count, int javaLength, int javaStart) {
        life.checkOpen(operation);
        if (count < 0 || start < 0 || start > length - count) {
            throw new IndexOutOfBoundsException(operation + ": elements " + start + " to " + ((long) start + count - 1)
                    + " (" + count + " elements) are out of bounds for " + life.displayName() + " of length " + length);
        }
        if (javaStart < 0 || javaStart > javaLength - count) {
            throw new IndexOutOfBoundsException(operation + ": " + count + " elements from index " + javaStart
                    + " do not fit the Java array of length " + javaLength);
        }
    }

    /** The byte offset of element {@code index}, unchecked (after {@link #checkRange}). */
    final int offsetUnchecked(int index) {
        return ArrayLayout.ELEMENTS_OFFSET + (index << shift);
    }
}
