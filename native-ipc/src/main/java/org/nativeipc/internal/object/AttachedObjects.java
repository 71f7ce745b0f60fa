package org.nativeipc.internal.object;

import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import org.nativeipc.internal.memory.SharedRegion;

/**
 * One Java object per shared region per process. When a handle is deserialized (a task that
 * captured a queue, say) or a name is opened, {@link #resolve} returns the object this process
 * already has for that region — the creator's own object in the creating process — instead of
 * mapping the file again. Identity matters: per-process state (a reentrant lock's local
 * bookkeeping, a ring side's cached counters) must not be split between two objects, and a pool
 * worker that receives a thousand tasks capturing one queue must map it once.
 *
 * <p>Entries are weak: an object nobody uses any more can be collected with its mapping. An
 * entry for a name that was unlinked (and perhaps given to a new object since) is replaced by
 * the object of the file the name holds now; the old object keeps working for its holders.
 */
final class AttachedObjects {
    private record Entry(WeakReference<Object> object, WeakReference<SharedRegion> region) {
        Object live() {
            SharedRegion r = region.get();
            Object o = object.get();
            return o == null || r == null || r.isClosed() || (r.name() != null && !r.isAtPath()) ? null : o;
        }
    }

    private static final Map<Path, Entry> BY_PATH = new HashMap<>();

    private AttachedObjects() {
    }

    /** Records {@code object} as this process's object for {@code region} (on create). */
    static synchronized void register(SharedRegion region, Object object) {
        BY_PATH.put(region.path(), new Entry(new WeakReference<>(object), new WeakReference<>(region)));
    }

    /** Forgets the object for {@code region} (on close), unless the path now maps another region. */
    static synchronized void forget(SharedRegion region) {
        Entry e = BY_PATH.get(region.path());
        if (e != null && (e.region.get() == region || e.region.get() == null)) {
            BY_PATH.remove(region.path());
        }
    }

    /** The region of this process's object for {@code path}, or null. */
    static synchronized SharedRegion regionAt(Path path) {
        Entry entry = BY_PATH.get(path);
        return entry == null ? null : entry.region.get();
    }

    /** The region of {@code object} if it is this process's object for one (made or attached here, not closed), else null. */
    static synchronized SharedRegion regionOf(Object object) {
        for (Entry entry : BY_PATH.values()) {
            if (entry.object.get() == object) {
                SharedRegion region = entry.region.get();
                return region == null || region.isClosed() ? null : region;
            }
        }
        return null;
    }

    /**
     * This process's object for the region at {@code path}, attaching (and registering) one if
     * there is none.
     *
     * @param path the region file
     * @param type the object's class
     * @param map maps the region (null if there is no such file)
     * @param wrap builds the object on it
     * @param <T> the object's type
     * @return the object, or null if {@code map} found no file
     * @throws IllegalStateException if the region is open here as another type of object
     */
    static synchronized <T> T resolve(Path path, Class<T> type, Supplier<SharedRegion> map, Function<SharedRegion, T> wrap) {
        Entry entry = BY_PATH.get(path);
        Object existing = entry == null ? null : entry.live();
        if (existing != null) {
            if (existing.getClass() != type) {
                throw new IllegalStateException(ObjectNames.describe(path) + " is a " + existing.getClass().getSimpleName()
                        + ", not a " + type.getSimpleName() + " (this process has it open as one)");
            }
            return type.cast(existing);
        }
        SharedRegion region = map.get();
        if (region == null) {
            return null;
        }
        try {
            T attached = wrap.apply(region);
            register(region, attached);
            return attached;
        } catch (RuntimeException | Error e) {
            region.close();
            throw e;
        }
    }
}
