package org.nativeipc.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.nativeipc.internal.lifecycle.ExitSequence;

/**
 * The children this JVM started that have not ended yet, and what happens to them when this
 * JVM exits normally: as in Python's {@code multiprocessing.util._exit_function}, daemon
 * children are terminated, then every remaining child is joined — after the shared objects this
 * JVM created were closed, so a child blocked on one of them wakes (with an exception) instead
 * of keeping its parent's exit waiting forever.
 */
final class Children {
    private static final Set<ChildProcess> ACTIVE = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean EXIT_HOOK = new AtomicBoolean();

    private Children() {
    }

    static void started(ChildProcess child) {
        if (EXIT_HOOK.compareAndSet(false, true)) {
            // After this process's own shared objects are closed (which wakes children blocked on
            // them), so joining cannot deadlock on them: see ExitSequence.
            ExitSequence.add(ExitSequence.Step.END_CHILDREN, Children::atExit);
        }
        ACTIVE.add(child);
        if (!child.isAlive()) {
            ACTIVE.remove(child); // it ended before it was added
        }
    }

    static void ended(ChildProcess child) {
        ACTIVE.remove(child);
    }

    /** Live children started by this JVM (Python's {@code active_children()}). */
    static List<ChildProcess> active() {
        return new ArrayList<>(ACTIVE);
    }

    private static void atExit() {
        SpareJvm.discard();
        for (ChildProcess child : active()) {
            if (child.isDaemon()) {
                child.terminate();
            }
        }
        for (ChildProcess child : active()) {
            try {
                child.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
