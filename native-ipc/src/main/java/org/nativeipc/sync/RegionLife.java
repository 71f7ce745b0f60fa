package org.nativeipc.sync;

import java.util.function.Function;

import org.nativeipc.internal.memory.AttachedObjects;
import org.nativeipc.internal.memory.RegionHandle;
import org.nativeipc.internal.memory.RegionKind;
import org.nativeipc.internal.memory.SharedRegion;

/**
 * What every shared object of this package does with its region: create or attach it, refuse
 * use after close, close it once (the creator's close also removes the file).
 */
final class RegionLife {
    private final SharedRegion region;
    private final String typeName;
    private volatile boolean closed;

    RegionLife(SharedRegion region, String typeName) {
        this.region = region;
        this.typeName = typeName;
    }

    SharedRegion region() {
        return region;
    }

    /**
     * Creates a region of {@code kind}, wraps it and registers the wrapper as this process's
     * object for the region.
     */
    static <T> T create(RegionKind kind, int layoutVersion, int payloadBytes, java.util.function.Consumer<SharedRegion> init,
                        Function<SharedRegion, T> wrap) {
        SharedRegion region = SharedRegion.create(kind, layoutVersion, payloadBytes, init);
        try {
            T object = wrap.apply(region);
            AttachedObjects.register(region, object);
            return object;
        } catch (RuntimeException | Error e) {
            region.close();
            throw e;
        }
    }

    /**
     * This process's object for {@code handle}, attaching the region if needed, after checking
     * that the sender's layout version is the one this code understands.
     */
    static <T> T attach(RegionHandle handle, int layoutVersion, Class<T> type, Function<SharedRegion, T> wrap) {
        if (handle.layoutVersion() != layoutVersion) {
            throw new IllegalStateException(handle + " has layout version " + handle.layoutVersion() + " but this "
                    + type.getSimpleName() + " understands version " + layoutVersion
                    + ": every process must run the same native-ipc version");
        }
        return AttachedObjects.resolve(handle, type, wrap);
    }

    /** Throws if closed; {@code operation} names what was attempted. */
    void checkOpen(String operation) {
        if (closed) {
            throw closedException(operation);
        }
    }

    IllegalStateException closedException(String operation) {
        return new IllegalStateException(operation + " on " + typeName + " " + region.path().getFileName()
                + ", which is closed in this process: use it before close(), or attach a fresh handle");
    }

    boolean isClosed() {
        return closed;
    }

    /** Closes once; returns false if it was already closed. */
    boolean close() {
        if (closed) {
            return false;
        }
        closed = true;
        AttachedObjects.forget(region);
        region.close();
        return true;
    }

    /** "SharedLock nipc-...-lock-3-ab12 (closed)" prefix for toString. */
    String describe() {
        return typeName + "[" + region.path().getFileName() + (closed ? ", closed" : "") + (region.isCreator() ? "" : ", attached");
    }
}
