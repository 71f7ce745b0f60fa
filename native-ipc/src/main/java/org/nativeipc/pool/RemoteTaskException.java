package org.nativeipc.pool;

/**
 * An exception that a task threw in a worker and that could not be recreated in this process as
 * itself (its class is not serializable, or not on this process's deserialization allow-list):
 * it carries the original's class name, message and the worker's stack trace, and its cause
 * chain is made of such exceptions too. When the original can be recreated, the pool reports the
 * original instead.
 */
public final class RemoteTaskException extends RuntimeException {
    /** Serial form version. */
    private static final long serialVersionUID = 1L;

    /** The class of the exception thrown in the worker. */
    private final String remoteClassName;

    /**
     * An exception standing for one of class {@code remoteClassName} thrown in a worker.
     *
     * @param remoteClassName the original exception's class name
     * @param message the original's message (may be null)
     * @param workerStackTrace where it was thrown, in the worker
     * @param cause the original's cause, recreated the same way (may be null)
     */
    public RemoteTaskException(String remoteClassName, String message, StackTraceElement[] workerStackTrace,
                               Throwable cause) {
        super(remoteClassName + (message != null ? ": " + message : ""), cause);
        this.remoteClassName = remoteClassName;
        setStackTrace(workerStackTrace);
    }

    /**
     * The class of the exception the task threw in the worker.
     *
     * @return its fully qualified name
     */
    public String remoteClassName() {
        return remoteClassName;
    }
}
