package org.nativeipc.queue;

/**
 * What lets threads of one process use one side (producer or consumer) of a
 * single-producer/single-consumer ring: {@link SideLock} lets them take turns,
 * {@link ConfinedSide} admits one thread only.
 */
interface SideGuard {
    /**
     * Enters the side, waiting at most {@code timeoutNanos} ({@code Long.MAX_VALUE}: forever).
     *
     * @return false if the time ran out
     * @throws InterruptedException if interrupted while waiting
     */
    boolean enter(long timeoutNanos) throws InterruptedException;

    /** Enters the side, waiting as long as it takes; interrupts stay pending. */
    void enterUninterruptibly();

    /** Leaves the side entered by this thread. */
    void exit();
}
