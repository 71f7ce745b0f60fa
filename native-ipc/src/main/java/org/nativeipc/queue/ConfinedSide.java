package org.nativeipc.queue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One side of a single-producer/single-consumer ring that one thread of this process owns: the
 * first thread to use it, or the next one once the owner has ended. Entering is a plain read
 * and a comparison, where a {@link SideLock} costs a CAS per operation; another thread is
 * refused with an {@link IllegalStateException} instead of being made to wait.
 */
final class ConfinedSide implements SideGuard {
    private static final VarHandle OWNER;

    static {
        try {
            OWNER = MethodHandles.lookup().findVarHandle(ConfinedSide.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String side;
    @SuppressWarnings("unused")
    private volatile Thread owner;

    /** @param side what the side is called in messages, e.g. "producer side of queue X" */
    ConfinedSide(String side) {
        this.side = side;
    }

    @Override
    public boolean enter(long timeoutNanos) {
        Thread me = Thread.currentThread();
        // A plain read suffices: only this thread ever stores itself here.
        if ((Thread) OWNER.get(this) != me) {
            claim(me);
        }
        return true;
    }

    @Override
    public void enterUninterruptibly() {
        enter(Long.MAX_VALUE);
    }

    @Override
    public void exit() {
        // The owner keeps the side.
    }

    private void claim(Thread me) {
        while (true) {
            Thread current = owner;
            if (current == me) {
                return;
            }
            if (current != null && current.isAlive()) {
                throw new IllegalStateException("the " + side + " is used by thread \"" + current.getName()
                        + "\" of this process, and the queue was built with oneThreadPerSide(): use it from that thread"
                        + " only, or build the queue without oneThreadPerSide() to let threads take turns");
            }
            if (OWNER.compareAndSet(this, current, me)) {
                return;
            }
        }
    }

    @Override
    public String toString() {
        Thread current = owner;
        return side + " confined to " + (current == null ? "no thread yet" : "thread \"" + current.getName() + "\"");
    }
}
