package org.nativeipc.codec;

/**
 * A message could not or may not become a value: its class is outside the deserialization
 * allow-list, its class is missing in this process, or its bytes are corrupt. The message has
 * been removed from its queue or pipe; later messages are unaffected.
 */
public class CodecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}, which names the problem and the fix. */
    public CodecException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause}. */
    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
