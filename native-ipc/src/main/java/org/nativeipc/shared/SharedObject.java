package org.nativeipc.shared;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.Map;

import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.internal.object.ObjectHandle;
import org.nativeipc.internal.object.ObjectLife;
import org.nativeipc.internal.object.ObjectType;

/**
 * The public face every object of this package shares, over its {@link ObjectLife} (the one
 * lifecycle of all shared objects): {@link #isClosed()}, {@link #close()}, the serialized form
 * (a handle) and {@code toString()} with the live state. Not public; its public methods are
 * documented here for all.
 */
abstract class SharedObject implements AutoCloseable, Serializable {
    private static final long serialVersionUID = 1L;

    final transient ObjectLife life;
    final transient SharedRegion region;
    private final transient ObjectType<?> type;

    SharedObject(SharedRegion region, ObjectType<?> type) {
        this.life = new ObjectLife(region, type);
        this.region = region;
        this.type = type;
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
        life.close(null);
    }

    /**
     * The object, its name or file, and its live state, e.g. {@code SharedLong['hits', value=3]}.
     *
     * @return a description for logs
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(life.describe());
        if (!life.isClosed()) {
            for (Map.Entry<String, Object> e : type.stateOf(this).entrySet()) {
                text.append(", ").append(e.getKey()).append('=').append(e.getValue());
            }
        }
        return text.append(']').toString();
    }

    final Object writeReplace() {
        return life.handle(carried());
    }

    /** What travels with the handle (a map's codecs); null for most. */
    Serializable carried() {
        return null;
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw ObjectHandle.proxyRequired(getClass());
    }
}
