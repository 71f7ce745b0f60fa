package org.nativeipc.queue;

import java.io.EOFException;
import java.io.UncheckedIOException;

/**
 * Nothing more will arrive: a queue is empty and every producer has closed it (or died), or a
 * pipe's peer has closed its end. Thrown by {@code take()} and {@code Connection.recv()} instead
 * of blocking forever; the counterpart of Python's {@code EOFError}. Its cause is an
 * {@link EOFException}, for code that handles end-of-file generally.
 */
public class EndOfStreamException extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    /**
     * The end, described by {@code message} (which object ended, and why).
     *
     * @param message the array that holds the message
     */
    public EndOfStreamException(String message) {
        super(message, new EOFException(message));
    }
}
