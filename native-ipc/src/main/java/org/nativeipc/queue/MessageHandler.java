package org.nativeipc.queue;

import java.nio.ByteBuffer;

/**
 * Receives messages in place, from the ring's shared memory (no copy). The bytes at
 * {@code offset} (for {@code length}) are valid only during the call: copy what you keep.
 */
@FunctionalInterface
public interface MessageHandler {
    /**
     * Handles one message. A message is consumed once this returns or throws. If the process
     * dies inside the call, the message was in its hands: an {@link SpscRing} hands it to the
     * next consumer again (its consumer position had not moved past it), an {@link MpmcRing}
     * drops it when it resolves the dead consumer's claim.
     *
     * @param buffer the ring's shared buffer (absolute indexes only)
     * @param offset where the message starts in {@code buffer}
     * @param length its length in bytes (possibly 0)
     */
    void onMessage(ByteBuffer buffer, int offset, int length);
}
