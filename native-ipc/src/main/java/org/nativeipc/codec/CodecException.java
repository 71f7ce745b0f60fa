package org.nativeipc.codec;

/**
 * A message could not or may not become a value: a class it names is outside the allow-list,
 * missing in this process, or of another shape here; or its bytes are corrupt or exceed a limit.
 * The message has been removed from its queue or pipe; later messages are unaffected.
 */
public class CodecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A failure described by {@code message}, which names the problem and the fix.
     *
     * @param message the description
     */
    public CodecException(String message) {
        super(message);
    }

    /**
     * A failure described by {@code message}, caused by {@code cause}.
     *
     * @param message the description
     * @param cause what failed underneath
     */
    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
