/**
 * Synchronization between processes: Python's {@code multiprocessing} {@code Lock},
 * {@code RLock}, {@code Semaphore}/{@code BoundedSemaphore}, {@code Condition}, {@code Event}
 * and {@code Barrier}, with the interfaces and behaviour of their {@code java.util.concurrent}
 * counterparts — {@link org.nativeipc.sync.SharedLock} and
 * {@link org.nativeipc.sync.SharedReentrantLock} are {@link java.util.concurrent.locks.Lock}s,
 * {@link org.nativeipc.sync.SharedCondition} is a {@link java.util.concurrent.locks.Condition},
 * {@link org.nativeipc.sync.SharedSemaphore} and {@link org.nativeipc.sync.SharedBarrier} have
 * the methods of {@code Semaphore} and {@code CyclicBarrier}.
 *
 * <p><b>Sharing.</b> Each object lives in a small file in the shared-memory folder, described
 * byte by byte by its {@code *Layout} class. An <em>anonymous</em> object ({@code create()})
 * reaches a child inside a task's captures: it serializes as a handle and re-attaches there, and
 * every process has one object per region. The creating process owns the file and removes it
 * on {@code close()} or at exit. Closing by the creator (or its exit) wakes every thread of
 * every process blocked on the object within 20 ms, with an
 * {@link java.lang.IllegalStateException} (a condition's waiter gets it once it holds the lock
 * again): nothing waits for an object that is gone.
 *
 * <p><b>Names.</b> A <em>named</em> object reaches any process, started by anyone — a service
 * run by systemd, a container sharing {@code /dev/shm}: {@code SharedLock.create("jobs")} makes
 * it, {@code SharedLock.open("jobs")} attaches to it, {@code SharedLock.openOrCreate("jobs")}
 * does whichever is needed (of processes racing there, exactly one creates and the others
 * attach; nobody sees it half made; other creation arguments than the existing object's are an
 * error), and {@code SharedLock.unlink("jobs")} removes the name, like POSIX
 * {@code shm_unlink}: processes that have the object keep using it, and its memory goes when the
 * last of them lets go. A named object lives until it is unlinked, whether or not its creator
 * still runs; {@code close()} only ends one process's use. A name is 1 to 128 ASCII letters,
 * digits, {@code '.'}, {@code '_'} and {@code '-'}, starting with a letter or digit; the object
 * named {@code jobs} is the file {@code nipc-name-jobs} in the shared folder ({@code /dev/shm},
 * or {@code -Dnativeipc.shm.dir}), and names are one namespace for every type of object. Files
 * are readable and writable by their owner only; {@code -Dnativeipc.shm.mode=660} makes the
 * files a process creates readable and writable by their group too, for services that run as
 * different users of one group. The {@code nipc} tool lists, inspects and removes them.
 *
 * <p><b>Waiting.</b> Nothing makes a system call unless a thread has to sleep: the fast paths
 * are a few atomic operations in shared memory (an uncontended lock and unlock: one
 * compare-and-set and one release store). A waiter spins briefly, then sleeps on a futex in
 * slices of 20 ms, which bound how late it sees {@link java.lang.Thread#interrupt()}; every
 * blocking method comes with a timeout variant, and a timeout of zero or less tries once and
 * returns at once, as in {@code java.util.concurrent}.
 *
 * <p><b>Robustness.</b> Python's primitives hang when a process dies holding one; these do
 * not. Owners are recorded by their liveness token (a process's kernel-held lock on a record
 * file: judged dead only when the kernel has released it, in any PID namespace; a process that
 * cannot be looked at counts as alive), and a thread that has waited an
 * {@code ownerCheckInterval} (default 200 ms, configurable per object) checks whether the process it waits on still runs:
 * <ul>
 * <li>a lock whose holder died is taken over, and the new holder sees
 *     {@code previousOwnerDied()} — the POSIX {@code EOWNERDEAD} — while it holds it;</li>
 * <li>semaphore permits held by a dead process come back, and their takers see
 *     {@code previousHolderDied()};</li>
 * <li>a condition's signal given to a waiter that died goes to a live waiter;</li>
 * <li>a barrier breaks when a participant dies, instead of waiting forever.</li>
 * </ul>
 * Bookkeeping that spans several words (semaphore, barrier) is changed through a redo journal,
 * so a process killed at any instruction leaves nothing half-done.
 */
package org.nativeipc.sync;
