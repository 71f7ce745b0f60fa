package org.nativeipc.queue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Mutual exclusion for one side (producer or consumer) of a single-producer/single-consumer
 * ring among the threads of one process. Acquiring costs one CAS; releasing is a release store
 * (a {@link java.util.concurrent.locks.ReentrantLock} releases with a volatile write, a second
 * full fence per operation that drains the store buffer — the very thing the ring's fast path
 * avoids). Contention is the unusual case (several threads sharing the one side), so a waiting
 * thread just spins briefly and then parks in short naps.
 */
final class SideLock implements SideGuard {
    private static final VarHandle STATE;
    /** Acquisition attempts with {@link Thread#onSpinWait()} before napping. */
    private static final int SPINS = 100;
    /** Nap between attempts once spinning failed. */
    private static final long NAP_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(SideLock.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused")
    private volatile int state;

    /** Takes the lock if it is free now. */
    boolean tryLock() {
        return STATE.compareAndSet(this, 0, 1);
    }

    @Override
    public boolean enter(long timeoutNanos) throws InterruptedException {
        if (tryLock()) {
            return true;
        }
        if (timeoutNanos <= 0) {
            return false;
        }
        long start = System.nanoTime();
        for (int i = 0; ; i++) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if ((int) STATE.getOpaque(this) == 0 && tryLock()) {
                return true;
            }
            if (timeoutNanos != Long.MAX_VALUE && System.nanoTime() - start >= timeoutNanos) {
                return false;
            }
            if (i < SPINS) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(NAP_NANOS);
            }
        }
    }

    @Override
    public void enterUninterruptibly() {
        boolean interrupted = false;
        while (true) {
            try {
                enter(Long.MAX_VALUE);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void exit() {
        STATE.setRelease(this, 0);
    }
}
