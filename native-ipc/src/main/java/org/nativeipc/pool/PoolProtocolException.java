package org.nativeipc.pool;

/**
 * A pool message that does not follow {@link PoolProtocol}: cut short, an unknown frame or value
 * tag, an answer to a task the worker was not sent. The parent kills a worker that sends one (its
 * tasks then fail or go to other workers, as after any death); a worker that receives one ends.
 */
final class PoolProtocolException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    PoolProtocolException(String message) {
        super(message);
    }

    PoolProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
