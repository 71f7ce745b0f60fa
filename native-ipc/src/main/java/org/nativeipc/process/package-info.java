/**
 * Child processes: Python's {@code multiprocessing.Process}, {@code current_process()},
 * {@code os.getpid()/getppid()} and signals.
 *
 * <p>A {@link org.nativeipc.process.ChildProcess} is a new JVM started with
 * {@code posix_spawn} (the safe fork+exec of a multi-threaded JVM, like Python's "spawn" start
 * method): the running JDK's {@code java}, the child's JVM options, where to find the classes,
 * and the main class {@link org.nativeipc.process.ChildBootstrap}. The task — a serializable
 * lambda with its captures, or the subclass instance itself — arrives over an inherited pipe; a
 * second pipe tells the parent when the task starts (the moment {@code start()} returns) and
 * whether a signal ended it. Stdout and stderr reach the parent's, stdin is {@code /dev/null} (or a socket:
 * {@link org.nativeipc.process.ChildProcess#inheritChannel}),
 * no other descriptor leaks in, and the child starts with an empty signal mask and default
 * signal dispositions.
 *
 * <p>Where the child finds its classes is derived from where native-ipc and the task's classes
 * come from in this JVM, so children boot under any launcher: a plain class path,
 * {@code java -jar}, {@code mvn exec:java} and other class loaders that list their URLs, IDE
 * and test runners, the module path ({@code --module-path} and {@code -m}, with every module of
 * native-ipc's layer), and Spring Boot executable jars (the same jar through Boot's
 * {@code PropertiesLauncher}). {@link org.nativeipc.process.ChildProcess#classPath(String)} or
 * {@code -Dnativeipc.child.classPath} sets it instead.
 *
 * <p>A child that never runs its task — no {@code java}, a JVM option it refuses, a class it
 * cannot find, a task it cannot deserialize — makes {@code start()} throw a
 * {@link org.nativeipc.process.ChildStartException} with the child's own error text and the
 * fix, at the latest after {@code nativeipc.child.startTimeout} seconds (default 60).
 *
 * <p>Start-up cost: a JVM takes tens of milliseconds to boot, so after the first
 * {@code start()} spare JVMs are booted in the background, ready for the next ones: as many as
 * the largest burst of starts (within 2 s of each other) of the last minute, none after a minute
 * without starts. Nothing slow — no jnr-ffi, no jnr-posix — runs on a child's
 * start path.
 *
 * <p>System properties: {@code nativeipc.child.jvmOptions} (extra JVM options for every
 * child, space-separated), {@code nativeipc.child.classPath} (the children's class path),
 * {@code nativeipc.child.startTimeout} (seconds), {@code nativeipc.child.spare} ({@code false}:
 * no spare JVM), {@code nativeipc.child.maxSpares} (the most spare JVMs at once, default 20),
 * {@code nativeipc.child.aotCache} (on JDK 25+, the folder of the children's AOT cache, or
 * {@code false} for none),
 * and every {@code nativeipc.*} property of the parent is passed on to its
 * children. A spare JVM that fails to boot is logged at WARNING through {@link System.Logger}
 * {@code org.nativeipc.process}; the library prints nothing itself.
 */
package org.nativeipc.process;
