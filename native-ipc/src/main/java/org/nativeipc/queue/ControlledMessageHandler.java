package org.nativeipc.queue;

import java.nio.ByteBuffer;

/**
 * Receives messages in place, as a {@link MessageHandler} does, and tells the ring after each one
 * what to do next: the handler of {@link MessageRing#controlledRead}, named after Agrona's
 * {@code ControlledMessageHandler}. The bytes at {@code offset} (for {@code length}) are valid
 * only during the call: copy what you keep.
 */
@FunctionalInterface
public interface ControlledMessageHandler {

    /** What the ring does after handing over a message. */
    enum Action {
        /**
         * The message is not consumed: the read stops, and the next read hands the same message
         * over again. Only an {@link SpscRing} can do that; an {@link MpmcRing} takes a message
         * from the ring before its handler sees it, and refuses {@code ABORT} (see
         * {@link MessageRing#controlledRead}).
         */
        ABORT,
        /** The message is consumed, and the read stops: it returns with this message counted. */
        BREAK,
        /**
         * The message is consumed and its space given back to producers now; the read goes on.
         * Both rings give a message's space back as soon as it is consumed, so this is the same
         * as {@link #CONTINUE} here (it is kept for code written against Agrona).
         */
        COMMIT,
        /** The message is consumed; the read goes on with the next one, up to its limit. */
        CONTINUE
    }

    /**
     * Handles one message. A message is consumed once this returns anything but
     * {@link Action#ABORT}, or throws; if the process dies inside the call, the message was in
     * its hands (see {@link MessageHandler#onMessage}).
     *
     * @param buffer the ring's shared buffer (absolute indexes only)
     * @param offset where the message starts in {@code buffer}
     * @param length its length in bytes (possibly 0)
     * @return what the ring does next
     */
    Action onMessage(ByteBuffer buffer, int offset, int length);
}
