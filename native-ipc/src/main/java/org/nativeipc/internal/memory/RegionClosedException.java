package org.nativeipc.internal.memory;

/**
 * The shared object's creator closed it (explicitly, or at its exit), or its file was removed: a
 * thread waiting on it ends its wait with this instead of waiting forever, and an attach to it is
 * refused with this. An {@link IllegalStateException}: the object is closed. Queues and pipes turn
 * it into an {@code EndOfStreamException} for readers; a pool worker whose pool closed while it
 * booted ends quietly on it.
 */
public final class RegionClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** @param message which region, who closed it, and what to do */
    public RegionClosedException(String message) {
        super(message);
    }
}
