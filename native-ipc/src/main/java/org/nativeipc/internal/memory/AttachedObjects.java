package org.nativeipc.internal.memory;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One Java object per shared region per process. When a handle is deserialized (a task that
 * captured a queue, say), {@link #resolve} returns the object this process already has for that
 * region — the creator's own object in the creating process — instead of mapping the file
 * again. Identity matters: per-process state (a reentrant lock's local bookkeeping, a ring
 * side's cached counters) must not be split between two objects, and a pool worker that
 * receives a thousand tasks capturing one queue must map it once.
 *
 * <p>Entries are weak: an object nobody uses any more can be collected with its mapping.
 */
public final class AttachedObjects {
    private static final Map<String, WeakReference<Object>> BY_PATH = new ConcurrentHashMap<>();

    private AttachedObjects() {
    }

    /** Records {@code owner} as this process's object for {@code region} (call on create). */
    public static void register(SharedRegion region, Object owner) {
        BY_PATH.put(region.path().toString(), new WeakReference<>(owner));
    }

    /** Forgets the object for {@code region} (call on close). */
    public static void forget(SharedRegion region) {
        BY_PATH.remove(region.path().toString());
    }

    /**
     * This process's object for the handle's region, attaching (and registering) one with
     * {@code wrap} if there is none.
     *
     * @throws IllegalStateException if the region exists here as another type of object
     */
    public static <T> T resolve(RegionHandle handle, Class<T> type, Function<SharedRegion, T> wrap) {
        String key = handle.path().toString();
        synchronized (BY_PATH) {
            WeakReference<Object> ref = BY_PATH.get(key);
            Object existing = ref == null ? null : ref.get();
            if (existing != null) {
                if (!type.isInstance(existing)) {
                    throw new IllegalStateException(handle + " is already open here as a "
                            + existing.getClass().getSimpleName() + ", not a " + type.getSimpleName());
                }
                return type.cast(existing);
            }
            T attached = wrap.apply(handle.attach());
            BY_PATH.put(key, new WeakReference<>(attached));
            return attached;
        }
    }
}
