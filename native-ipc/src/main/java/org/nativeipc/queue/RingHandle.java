package org.nativeipc.queue;

import java.io.Serializable;

import org.nativeipc.internal.memory.AttachedObjects;
import org.nativeipc.internal.memory.RegionHandle;

/**
 * What a standalone {@link SpscRing} or {@link MpmcRing} becomes when serialized (into a child's
 * task, say): its region's handle. Deserializing it returns this process's ring object for that
 * region, attaching it on first use.
 */
final class RingHandle implements Serializable {
    private static final long serialVersionUID = 1L;

    private final RegionHandle region;
    private final int type;

    RingHandle(RegionHandle region, int type) {
        this.region = region;
        this.type = type;
    }

    /** Records {@code ring} as this process's object for its region; returns it. */
    static <R extends AbstractRing> R register(R ring) {
        AttachedObjects.register(ring.region, ring);
        return ring;
    }

    private Object readResolve() {
        if (type == RingControlLayout.TYPE_SPSC) {
            return AttachedObjects.resolve(region, SpscRing.class, r -> new SpscRing(r, 0, true));
        }
        return AttachedObjects.resolve(region, MpmcRing.class, r -> new MpmcRing(r, 0, true));
    }
}
