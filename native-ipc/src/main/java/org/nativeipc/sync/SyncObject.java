package org.nativeipc.sync;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;

import org.nativeipc.internal.memory.SharedRegion;

/**
 * What every shared object of this package has in common: its region's life (use after close
 * refused, close once) and its serialized form (a {@link SyncHandle}). Not public, as
 * {@code AbstractStringBuilder} is not; its public methods are documented here for all.
 */
abstract class SyncObject implements AutoCloseable, Serializable {
    private static final long serialVersionUID = 1L;

    final transient RegionLife life;

    SyncObject(SharedRegion region, String typeName) {
        this.life = new RegionLife(region, typeName);
    }

    /**
     * True once {@link #close()} ran in this process.
     *
     * @return true once {@link #close()} ran in this process
     */
    public boolean isClosed() {
        return life.isClosed();
    }

    /**
     * Closes this process's use of the object; in the creating process, also removes the
     * region file, so no further process can attach (processes already attached keep working).
     * Harmless twice; any other use after it throws {@link IllegalStateException}.
     */
    @Override
    public void close() {
        if (life.isClosed()) {
            return;
        }
        beforeClose();
        if (life.close()) {
            afterClose();
        }
    }

    /** Runs before the first close; may refuse it by throwing. */
    void beforeClose() {
    }

    /** Runs once, after the region was closed. */
    void afterClose() {
    }

    /** What travels along with the handle (a condition's lock); null for most. */
    Serializable companion() {
        return null;
    }

    final Object writeReplace() {
        return new SyncHandle(life.region().handle(), companion());
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw SyncHandle.proxyRequired(getClass());
    }
}
