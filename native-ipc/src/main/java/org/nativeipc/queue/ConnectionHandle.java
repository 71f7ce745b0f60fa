package org.nativeipc.queue;

import java.io.Serializable;

import org.nativeipc.codec.Codec;
import org.nativeipc.internal.codec.ReceivingPolicy;
import org.nativeipc.internal.memory.AttachedObjects;
import org.nativeipc.internal.memory.RegionHandle;

/**
 * What a {@link Connection} becomes when serialized: its pipe's region handle, codec and side.
 * Deserializing it attaches the pipe (once per process) and makes this process a holder of
 * that end, so the peer sees it close or die. Inside a message, the pipe attaches under the
 * receiving queue's or pipe's allow-list, not the one the handle names ({@link ReceivingPolicy}).
 */
final class ConnectionHandle implements Serializable {
    private static final long serialVersionUID = 1L;

    private final RegionHandle region;
    private final Codec<Object> codec;
    private final boolean left;

    ConnectionHandle(RegionHandle region, Codec<Object> codec, boolean left) {
        this.region = region;
        this.codec = codec;
        this.left = left;
    }

    private Object readResolve() {
        Codec<Object> codec = ReceivingPolicy.rebind(this.codec);
        Pipe pipe = AttachedObjects.resolve(region, Pipe.class, r -> new Pipe(r, codec));
        PipeConnection end = (PipeConnection) (left ? pipe.left() : pipe.right());
        end.holdHere();
        return end;
    }
}
