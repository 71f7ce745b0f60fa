package org.nativeipc.sync;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;

import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.internal.object.ObjectHandle;
import org.nativeipc.internal.object.ObjectLife;
import org.nativeipc.internal.object.ObjectType;

/**
 * The public face that every shared object of this package shares, over its
 * {@link ObjectLife} (the one lifecycle of all shared objects): {@link #isClosed()},
 * {@link #close()} and the serialized form (a handle). Not public, as
 * {@code AbstractStringBuilder} is not; its public methods are documented here for all.
 */
abstract class SyncObject implements AutoCloseable, Serializable {
    private static final long serialVersionUID = 1L;

    final transient ObjectLife life;

    SyncObject(SharedRegion region, ObjectType<?> type) {
        this.life = new ObjectLife(region, type);
    }

    /**
     * Whether this object is closed in this process.
     *
     * @return true once {@link #close()} ran in this process
     */
    public boolean isClosed() {
        return life.isClosed();
    }

    /**
     * Closes this process's use of the object. For an anonymous object, the creating process's
     * close also removes its region file, so no further process can attach (processes already
     * attached keep working); a named object stays until its name is unlinked. Harmless twice;
     * any other use after it throws {@link IllegalStateException}.
     */
    @Override
    public void close() {
        if (life.isClosed()) {
            return;
        }
        beforeClose();
        if (life.close(null)) {
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
        return life.handle(companion());
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw ObjectHandle.proxyRequired(getClass());
    }
}
