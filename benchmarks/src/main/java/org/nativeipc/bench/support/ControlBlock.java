package org.nativeipc.bench.support;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The control words a benchmark and its child processes share, each on its own 128-byte line
 * (two cache lines, so the adjacent-line prefetcher does not couple them):
 *
 * <pre>
 *   offset   word          written by   meaning
 *   0        READY         children     number of children attached and ready to run
 *   128      STOP_AT       benchmark    -1 while running; then the total the consumer must reach
 *   256      RECEIVED      consumer     messages received (published at the end, or as progress)
 *   384      ERRORS        consumer     messages out of order, of the wrong size or corrupted
 *   512      DONE          children     number of children that finished and published results
 *   640..    SLOT(i)       anyone       benchmark-specific words (sent counts per producer, ...)
 * </pre>
 *
 * Every access is volatile: these words are touched rarely (setup, teardown, every few
 * hundred messages), never per message on a measured path that has a cheaper alternative.
 */
public final class ControlBlock {
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    /** Bytes between two words. */
    public static final int WORD_STRIDE = 128;
    public static final int READY = 0;
    public static final int STOP_AT = 128;
    public static final int RECEIVED = 256;
    public static final int ERRORS = 384;
    public static final int DONE = 512;
    private static final int FIRST_SLOT = 640;
    /** Benchmark-specific words available after the fixed ones. */
    public static final int SLOTS = 8;
    /** Bytes a control block needs. */
    public static final int BYTES = FIRST_SLOT + SLOTS * WORD_STRIDE;

    private final ByteBuffer buffer;

    /** A control block over the first {@link #BYTES} of {@code buffer}. */
    public ControlBlock(ByteBuffer buffer) {
        if (buffer.capacity() < BYTES) {
            throw new IllegalArgumentException("a control block needs " + BYTES + " bytes, got " + buffer.capacity());
        }
        this.buffer = buffer;
    }

    /** Sets STOP_AT to -1 (running) and everything else to 0; call before starting children. */
    public ControlBlock reset() {
        for (int offset = 0; offset < BYTES; offset += WORD_STRIDE) {
            set(offset, 0);
        }
        set(STOP_AT, -1);
        return this;
    }

    /** Offset of benchmark-specific word {@code i}. */
    public static int slot(int i) {
        if (i < 0 || i >= SLOTS) {
            throw new IllegalArgumentException("slot " + i + " is outside 0.." + (SLOTS - 1));
        }
        return FIRST_SLOT + i * WORD_STRIDE;
    }

    public long get(int offset) {
        return (long) LONGS.getVolatile(buffer, offset);
    }

    public void set(int offset, long value) {
        LONGS.setVolatile(buffer, offset, value);
    }

    public long increment(int offset) {
        return (long) LONGS.getAndAdd(buffer, offset, 1L) + 1;
    }

    /** True once the benchmark has asked to stop (STOP_AT is no longer -1). */
    public boolean stopRequested() {
        return get(STOP_AT) >= 0;
    }

    @Override
    public String toString() {
        return "ControlBlock[ready=" + get(READY) + ", stopAt=" + get(STOP_AT) + ", received=" + get(RECEIVED)
                + ", errors=" + get(ERRORS) + ", done=" + get(DONE) + "]";
    }
}
