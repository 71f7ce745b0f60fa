package org.nativeipc.bench.support;

/**
 * How benchmark messages carry their correctness check: the first 8 bytes hold
 * {@code producer << 56 | sequence}, so a consumer can tell a lost, repeated or reordered
 * message (per producer) from a good one, whatever the message size (8 B is the smallest).
 */
public final class Messages {
    /** Smallest message: just the stamp. */
    public static final int MIN_BYTES = Long.BYTES;
    /** Message sizes of the throughput rows (8 B, 64 B, 1 KiB, 64 KiB). */
    public static final String SIZES = "8,64,1024,65536";
    private static final int PRODUCER_SHIFT = 56;
    private static final long SEQUENCE_MASK = (1L << PRODUCER_SHIFT) - 1;

    private Messages() {
    }

    public static long stamp(int producer, long sequence) {
        return ((long) producer << PRODUCER_SHIFT) | sequence;
    }

    public static int producer(long stamp) {
        return (int) (stamp >>> PRODUCER_SHIFT);
    }

    public static long sequence(long stamp) {
        return stamp & SEQUENCE_MASK;
    }

    /** Checks a message size is one a benchmark can stamp. */
    public static int requireSize(int size) {
        if (size < MIN_BYTES) {
            throw new IllegalArgumentException("message size " + size + " B is below the " + MIN_BYTES + " B stamp");
        }
        return size;
    }
}
