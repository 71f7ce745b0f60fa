package org.nativeipc.internal.memory;

/**
 * A thread waited on a shared object whose creator closed it (explicitly, or at its exit): the
 * wait ends with this instead of lasting forever. An {@link IllegalStateException}: the object is
 * closed. Queues and pipes turn it into an {@code EndOfStreamException} for readers.
 */
public final class RegionClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** @param message which region, who closed it, and what to do */
    public RegionClosedException(String message) {
        super(message);
    }
}
