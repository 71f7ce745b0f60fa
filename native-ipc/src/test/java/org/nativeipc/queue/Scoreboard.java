package org.nativeipc.queue;

import java.io.Serializable;

import org.nativeipc.internal.memory.RegionHandle;
import org.nativeipc.internal.memory.RegionKind;
import org.nativeipc.internal.memory.SharedRegion;

/**
 * Shared memory where the processes of a crash test record what they did: how far each
 * producer got, which messages each consumer received (one bit per message, set atomically so
 * a second delivery is caught), and stop flags. Survives the SIGKILL of any writer.
 *
 * <p>A message is {@code producer << 32 | sequence}.
 */
final class Scoreboard implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int MAX_PRODUCERS = 32;
    static final int MAX_CONSUMERS = 32;
    static final int MESSAGES_PER_PRODUCER = 1 << 20;
    private static final int STOP = 0;
    private static final int DUPLICATES = 8;
    private static final int ORDER_VIOLATIONS = 16;
    private static final int LAST_PUT = 64;
    private static final int CONSUMED = LAST_PUT + MAX_PRODUCERS * 8;
    private static final int BITMAPS = CONSUMED + MAX_CONSUMERS * 8;
    private static final int BITMAP_BYTES = MESSAGES_PER_PRODUCER / 8;

    private final RegionHandle handle;
    private transient SharedRegion region;

    private Scoreboard(SharedRegion region) {
        this.handle = region.handle();
        this.region = region;
    }

    static Scoreboard create() {
        return new Scoreboard(SharedRegion.create(RegionKind.TEST, 1, BITMAPS + (long) MAX_PRODUCERS * BITMAP_BYTES, r -> {
            for (int k = 0; k < MAX_PRODUCERS; k++) {
                r.putLong(LAST_PUT + k * 8, -1);
            }
        }));
    }

    private SharedRegion region() {
        if (region == null) {
            region = handle.attach();
        }
        return region;
    }

    int stop() {
        return region().getIntVolatile(STOP);
    }

    void setStop(int level) {
        region().setIntVolatile(STOP, level);
    }

    void putDone(int producer, long sequence) {
        region().setLongVolatile(LAST_PUT + producer * 8, sequence);
    }

    long lastPut(int producer) {
        return region().getLongVolatile(LAST_PUT + producer * 8);
    }

    long consumed(int consumer) {
        return region().getLongVolatile(CONSUMED + consumer * 8);
    }

    /** Records that {@code consumer} received {@code message}; counts a second delivery as a duplicate. */
    void received(int consumer, long message, long[] lastSeenByProducer) {
        int producer = (int) (message >>> 32);
        int sequence = (int) message;
        if (sequence <= lastSeenByProducer[producer]) {
            region().getAndAddLong(ORDER_VIOLATIONS, 1);
        }
        lastSeenByProducer[producer] = sequence;
        int word = BITMAPS + producer * BITMAP_BYTES + (sequence >>> 5) * 4;
        int bit = 1 << (sequence & 31);
        int old = (int) SharedRegion.INTS.getAndBitwiseOr(region().payload(), word, bit);
        if ((old & bit) != 0) {
            region().getAndAddLong(DUPLICATES, 1);
        }
        region().getAndAddLong(CONSUMED + consumer * 8, 1);
    }

    boolean wasReceived(int producer, int sequence) {
        int word = BITMAPS + producer * BITMAP_BYTES + (sequence >>> 5) * 4;
        return (region().getIntVolatile(word) & 1 << (sequence & 31)) != 0;
    }

    long duplicates() {
        return region().getLongVolatile(DUPLICATES);
    }

    long orderViolations() {
        return region().getLongVolatile(ORDER_VIOLATIONS);
    }

    void close() {
        region().close();
    }
}
