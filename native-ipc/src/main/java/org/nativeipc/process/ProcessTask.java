package org.nativeipc.process;

import java.io.Serializable;

/**
 * The code a {@link ChildProcess} runs: Python's {@code target=}. A lambda or method reference
 * assigned to this type is serializable, and is sent to the child with everything it captures;
 * shared objects (locks, queues, values) travel as handles and re-attach in the child.
 *
 * <p>What a task captures must be {@link Serializable}; otherwise {@link ChildProcess#start()}
 * fails and names the offending class.
 */
@FunctionalInterface
public interface ProcessTask extends Serializable {
    /**
     * Runs in the child. An exception that escapes ends the child with exit code 1.
     *
     * @throws Exception anything; it ends the child, its stack trace on the child's stderr
     */
    void run() throws Exception;
}
