package org.nativeipc.sync;

import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.Serializable;

import org.nativeipc.internal.memory.RegionHandle;

/**
 * What every shared object of this package becomes when serialized (into a child's task, say):
 * its region handle, plus the lock for a condition. {@code readResolve} re-attaches to the
 * same memory and returns this process's one object for that region.
 */
final class SyncHandle implements Serializable {
    private static final long serialVersionUID = 1L;

    private final RegionHandle handle;
    /** For a condition: the lock it belongs to (itself serialized as a handle); null otherwise. */
    private final Serializable lock;

    SyncHandle(RegionHandle handle, Serializable lock) {
        this.handle = handle;
        this.lock = lock;
    }

    private Object readResolve() throws ObjectStreamException {
        switch (handle.kind()) {
            case LOCK:
                return SharedLock.attach(handle);
            case REENTRANT_LOCK:
                return SharedReentrantLock.attach(handle);
            case SEMAPHORE:
                return SharedSemaphore.attach(handle);
            case CONDITION:
                return SharedCondition.attach(handle, lock);
            case EVENT:
                return SharedEvent.attach(handle);
            case BARRIER:
                return SharedBarrier.attach(handle);
            default:
                throw new InvalidObjectException(handle + " is not a synchronization object");
        }
    }

    /** For the shared objects' {@code readObject}: they only ever travel as handles. */
    static InvalidObjectException proxyRequired(Class<?> type) {
        return new InvalidObjectException(type.getSimpleName() + " is serialized as a handle; this stream was not written by it");
    }
}
