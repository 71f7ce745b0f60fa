package org.nativeipc.queue;

import java.nio.ByteBuffer;

/**
 * Receives messages in place, from the ring's shared memory (no copy). The bytes at
 * {@code offset} (for {@code length}) are valid only during the call: copy what you keep.
 */
@FunctionalInterface
public interface MessageHandler {
    /**
     * Handles one message. A message is consumed once this returns or throws; if the process
     * dies inside the call, the message is handed to the next reader again (it was never
     * consumed).
     *
     * @param buffer the ring's shared buffer (absolute indexes only)
     * @param offset where the message starts in {@code buffer}
     * @param length its length in bytes (possibly 0)
     */
    void onMessage(ByteBuffer buffer, int offset, int length);
}
