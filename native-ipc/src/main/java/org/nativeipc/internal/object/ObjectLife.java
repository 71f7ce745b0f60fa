package org.nativeipc.internal.object;

import java.io.Serializable;

import org.nativeipc.internal.memory.SharedRegion;

/**
 * What every shared object has in common in one process, from creation or attachment to
 * {@code close()}: its region, its type, one closed flag, one wording for use after close, and
 * the handle it serializes as. Each object holds one (composition: a queue already extends
 * {@code AbstractQueue}).
 */
public final class ObjectLife {
    private final SharedRegion region;
    private final ObjectType<?> type;
    private volatile boolean closed;

    /**
     * The life of an object of {@code type} on {@code region}.
     *
     * @param region its region, created or attached
     * @param type its type
     */
    public ObjectLife(SharedRegion region, ObjectType<?> type) {
        this.region = region;
        this.type = type;
    }

    /** The region. */
    public SharedRegion region() {
        return region;
    }

    /**
     * Throws if this object is closed in this process.
     *
     * @param operation what was attempted, e.g. {@code "lock()"}
     * @throws IllegalStateException naming the operation, the object and the fix
     */
    public void checkOpen(String operation) {
        if (closed) {
            throw closedException(operation);
        }
    }

    /**
     * The exception for {@code operation} on this object after close.
     *
     * @param operation what was attempted
     * @return the exception, to throw
     */
    public IllegalStateException closedException(String operation) {
        String name = region.name();
        return new IllegalStateException(operation + " on " + displayName() + ", which is closed in this process: use it before"
                + " close(), or " + (name != null ? "open it again (" + type.name() + ".open(\"" + name + "\"))"
                : "attach it again from a fresh handle"));
    }

    /** True once {@link #close} ran. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes once: marks this object closed, runs {@code release} (the structure's own closing,
     * such as a ring's sides), then lets go of the region — in the creator of an anonymous
     * object that removes its file; a named object stays until unlinked.
     *
     * @param release the structure's own closing, or null
     * @return true the first time, false if it was already closed
     */
    public boolean close(Runnable release) {
        synchronized (this) {
            if (closed) {
                return false;
            }
            closed = true;
        }
        try {
            if (release != null) {
                release.run();
            }
        } finally {
            AttachedObjects.forget(region);
            region.close();
        }
        return true;
    }

    /**
     * The handle this object serializes as.
     *
     * @param carried what travels with it (a codec, a condition's lock, a pipe's end), or null
     * @return the handle
     */
    public ObjectHandle handle(Serializable carried) {
        return ObjectHandle.of(region, type, carried);
    }

    /** "SharedLock 'jobs'" or "SharedLock nipc-…-lock-3-ab12": the object in messages. */
    public String displayName() {
        String name = region.name();
        return type.name() + " " + (name != null ? "'" + name + "'" : region.path().getFileName().toString());
    }

    /** "SharedLock['jobs'" or "SharedLock[nipc-…, attached, closed": the start of a toString, to which the state is appended. */
    public String describe() {
        String name = region.name();
        return type.name() + "[" + (name != null ? "'" + name + "'" : region.path().getFileName().toString())
                + (region.isCreator() || name != null ? "" : ", attached") + (closed ? ", closed" : "");
    }
}
