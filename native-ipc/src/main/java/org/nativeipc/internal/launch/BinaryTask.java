package org.nativeipc.internal.launch;

import org.nativeipc.process.ProcessTask;

/**
 * A child task of the library itself (a pool worker) that travels as bytes: {@code ChildProcess}
 * sends the name of its {@link #runner()} class and its {@link #payload()}, and the child's
 * bootstrap creates the runner with its no-argument constructor and hands it the payload. No
 * Java serialization on the way: reading a serialized task makes a fresh JVM load the
 * serialization machinery, reflect on every class of the task, generate their constructor
 * accessors and run their {@code readObject} methods, interpreted, while its parent waits.
 *
 * <p>It stays a {@link ProcessTask}: {@link #run()} (in this process, or after Java
 * serialization) runs the same code, by default as {@code runner().run(payload())}.
 */
public interface BinaryTask extends ProcessTask {
    /**
     * The class that runs the task in the child: a class of native-ipc with a no-argument
     * constructor (which may be private).
     *
     * @return the runner class
     */
    Class<? extends Runner> runner();

    /**
     * Everything the runner needs, encoded.
     *
     * @return the bytes (not copied: do not modify)
     */
    byte[] payload();

    @Override
    default void run() throws Exception {
        newRunner(runner()).run(payload(), () -> { });
    }

    /**
     * A new instance of a runner class, made with its no-argument constructor.
     *
     * @param type the class (its name came from the parent)
     * @return the runner
     * @throws IllegalArgumentException if {@code type} is no {@link Runner} or has no usable
     *     no-argument constructor (the parent and the child run different versions of native-ipc)
     */
    static Runner newRunner(Class<?> type) {
        if (!Runner.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(type.getName() + " is not a BinaryTask.Runner: the parent and this child run"
                    + " different versions of native-ipc");
        }
        try {
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return (Runner) constructor.newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException("cannot create the task runner " + type.getName() + " (" + e
                    + "): the parent and this child run different versions of native-ipc", e);
        }
    }

    /** Runs a {@link BinaryTask} in the child from its payload. */
    interface Runner {
        /**
         * Decodes the payload and runs the task. The task calls {@code startedUp} once its own
         * start-up is over (a pool worker: once it is ready); the parent boots replacement spare
         * JVMs only after that (or after a few seconds), so that they do not take the CPU from
         * this start-up. If the task does not call it, returning (or the child's end) counts.
         *
         * @param payload what {@link BinaryTask#payload()} returned in the parent
         * @param startedUp tells the parent that the start-up is over (once; later calls do nothing)
         * @throws Exception anything; it ends the child with exit code 1, as a task's would
         */
        void run(byte[] payload, Runnable startedUp) throws Exception;
    }
}
