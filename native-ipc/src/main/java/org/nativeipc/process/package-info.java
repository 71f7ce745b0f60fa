/**
 * Child processes: Python's {@code multiprocessing.Process}, {@code current_process()},
 * {@code os.getpid()/getppid()} and signals.
 *
 * <p>A {@link org.nativeipc.process.ChildProcess} is a new JVM started with
 * {@code posix_spawn} (the safe fork+exec of a multi-threaded JVM, like Python's "spawn" start
 * method): the running JDK's {@code java}, this JVM's class path, the child's JVM options, and
 * the main class {@link org.nativeipc.process.ChildBootstrap}. The task — a serializable lambda
 * with its captures, or the subclass instance itself — arrives over an inherited pipe; a second
 * pipe tells the parent when the task starts and whether a signal ended it. Stdout and stderr
 * are inherited, stdin is {@code /dev/null}, no other descriptor leaks in, and the child starts
 * with an empty signal mask and default signal dispositions.
 *
 * <p>Start-up cost: a JVM takes tens of milliseconds to boot, so after the first
 * {@code start()} a spare JVM is booted in the background, ready for the next one (see
 * {@code nativeipc.child.spare}). Nothing slow — no jnr-ffi, no jnr-posix — runs on a child's
 * start path.
 *
 * <p>System properties: {@code nativeipc.child.jvmOptions} (extra JVM options for every
 * child, space-separated), {@code nativeipc.child.spare} ({@code false}: no spare JVM), and
 * every {@code nativeipc.*} property of the parent is passed on to its children.
 */
package org.nativeipc.process;
