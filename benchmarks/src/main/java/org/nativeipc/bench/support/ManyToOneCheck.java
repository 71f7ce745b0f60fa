package org.nativeipc.bench.support;

import java.util.function.IntSupplier;

/**
 * The correctness check of a many-to-one throughput benchmark (several producer children, one
 * consumer in the benchmark's JVM): every message carries its producer and sequence number
 * ({@link Messages#stamp}); each producer's messages must arrive once each, in order, and at
 * the end each producer's count (published in {@code ControlBlock.slot(producer)}) must match.
 */
public final class ManyToOneCheck {
    private final int producers;
    private final int size;
    private final long[] next;
    private long received;
    private long errors;

    public ManyToOneCheck(int producers, int size) {
        this.producers = producers;
        this.size = size;
        this.next = new long[producers];
    }

    /** Checks one message: its stamp and its length. */
    public void check(long stamp, int length) {
        int producer = Messages.producer(stamp);
        if (length != size || producer >= producers || Messages.sequence(stamp) != next[producer]) {
            errors++;
        } else {
            next[producer]++;
        }
        received++;
    }

    /**
     * Ends the trial: asks the producers to stop, waits until they have, reads what they wrote
     * last with {@code drainSome} (called until it returns 0), joins them, and throws unless
     * every message of every producer arrived once, in order.
     */
    public void finish(ControlBlock control, PeerChildren children, IntSupplier drainSome) {
        control.set(ControlBlock.STOP_AT, 0);
        children.awaitCount(() -> control.get(ControlBlock.DONE), producers, PeerChildren.FINISH_TIMEOUT,
                "to stop producing (DONE)");
        while (drainSome.getAsInt() > 0) {
            // what the producers wrote before they stopped
        }
        children.joinAll();
        long sent = 0;
        for (int p = 0; p < producers; p++) {
            long sentByP = control.get(ControlBlock.slot(p));
            sent += sentByP;
            if (next[p] != sentByP) {
                errors++;
            }
        }
        if (received != sent || errors != 0) {
            throw new IllegalStateException("correctness check failed: sent " + sent + ", received " + received
                    + ", lost, repeated or out of order " + errors);
        }
    }
}
