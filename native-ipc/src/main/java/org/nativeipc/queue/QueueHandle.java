package org.nativeipc.queue;

import java.io.Serializable;

import org.nativeipc.codec.Codec;
import org.nativeipc.internal.codec.ReceivingPolicy;
import org.nativeipc.internal.memory.AttachedObjects;
import org.nativeipc.internal.memory.RegionHandle;

/**
 * What a {@link SharedQueue} becomes when serialized: its region's handle and its codec.
 * Deserializing it returns this process's queue object for that region, attaching on first use:
 * with the codec it names when it comes in a task from the parent, but under the receiving
 * queue's or pipe's allow-list when it comes inside a message ({@link ReceivingPolicy}), so that a
 * message cannot widen what this process decodes.
 */
final class QueueHandle implements Serializable {
    private static final long serialVersionUID = 1L;

    private final RegionHandle region;
    private final Codec<?> codec;
    private final boolean joinable;

    QueueHandle(RegionHandle region, Codec<?> codec, boolean joinable) {
        this.region = region;
        this.codec = codec;
        this.joinable = joinable;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object readResolve() {
        Codec<?> codec = ReceivingPolicy.rebind(this.codec);
        if (joinable) {
            return AttachedObjects.resolve(region, JoinableSharedQueue.class, r -> new JoinableSharedQueue(r, codec));
        }
        return AttachedObjects.resolve(region, SharedQueue.class, r -> new SharedQueue(r, codec, false));
    }
}
