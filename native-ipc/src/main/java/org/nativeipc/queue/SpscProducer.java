package org.nativeipc.queue;

import static org.nativeipc.queue.SpscRingLayout.*;

import java.nio.ByteBuffer;

import org.nativeipc.internal.memory.SharedRegion;

/**
 * The producer side of an {@link SpscRing}: the tail, a private copy of the consumer's counters,
 * writing a record (whole, or claimed now and committed later: zero-copy), and resuming where a
 * predecessor that closed or died left off. Used by the ring's producing thread only.
 *
 * <p>A record is written in two steps: {@link #reserve} finds room at the tail and prepares the
 * record's header with its length word still 0, so the consumer stops there; {@link #publish}
 * writes the padding record it needs at the end of the data, if any, then the length (the release
 * store that publishes it) and the producer word. A claim is a reservation kept open across the
 * caller's writes: it is invisible until committed, and a producer killed meanwhile leaves no
 * record; its successor resumes at the last committed one ({@link #resume}).
 */
final class SpscProducer {
    private final SpscRing ring;
    private final SharedRegion region;
    private final ByteBuffer buffer;
    private final int data;
    private final int dataBytes;
    private final int mask;
    private final int capacity;
    private final int producerWord;
    private final int consumerWord;

    private int tail;
    private int written;
    private int cachedHead;
    private int cachedRead;
    /** Bytes of padding the reserved record needs before it (to the end of the data), or 0. */
    private int reservedPadding;
    /** Index in the data of the open claim's record, or -1 when no claim is open. */
    private int claimAt = -1;
    private int claimLength;
    private Thread claimThread;

    /**
     * @param data offset of the data area in the region's payload
     * @param dataBytes bytes of the data area (a power of two)
     */
    SpscProducer(SpscRing ring, int data, int dataBytes, int producerWord, int consumerWord) {
        this.ring = ring;
        this.region = ring.region;
        this.buffer = ring.buffer;
        this.data = data;
        this.dataBytes = dataBytes;
        this.mask = dataBytes - 1;
        this.capacity = ring.capacity;
        this.producerWord = producerWord;
        this.consumerWord = consumerWord;
    }

    /** Writes one record if there is room now. */
    boolean tryWrite(byte[] source, int offset, int length, int kind) {
        int at = reserve(length, kind);
        if (at < 0) {
            return false;
        }
        buffer.put(data + at + RECORD_HEADER_BYTES, source, offset, length);
        publish(at, length);
        return true;
    }

    /** Cheap: might a write of {@code length} bytes succeed now? */
    boolean writable(int length) {
        long consumer = region.getLongAcquire(consumerWord);
        int freeBytes = dataBytes - (tail - (int) consumer);
        int index = tail & mask;
        int aligned = recordBytes(length);
        int padding = aligned > dataBytes - index ? dataBytes - index : 0;
        return padding + aligned + RECORD_HEADER_BYTES <= freeBytes && written - (int) (consumer >>> 32) < capacity;
    }

    /**
     * Reserves room for a message of {@code length} bytes and keeps the reservation open.
     *
     * @return the index of its payload in the region's payload, or {@link MessageRing#INSUFFICIENT_CAPACITY}
     */
    int tryClaim(int length) {
        int at = reserve(length, AbstractRing.KIND_MESSAGE);
        if (at < 0) {
            return MessageRing.INSUFFICIENT_CAPACITY;
        }
        claimAt = at;
        claimLength = length;
        claimThread = Thread.currentThread();
        return data + at + RECORD_HEADER_BYTES;
    }

    /**
     * Publishes (or, if not {@code commit}, forgets: nothing of it was visible) the open claim
     * whose payload is at {@code index}.
     *
     * @throws IllegalStateException if the current thread has no claim open at {@code index}
     */
    void finishClaim(int index, boolean commit) {
        int at = claimAt;
        if (at < 0 || claimThread != Thread.currentThread() || index != data + at + RECORD_HEADER_BYTES) {
            boolean mine = at >= 0 && claimThread == Thread.currentThread();
            throw RingChecks.noClaim(index, mine ? data + at + RECORD_HEADER_BYTES : -1, ring);
        }
        claimAt = -1;
        claimThread = null;
        if (commit) {
            publish(at, claimLength);
        }
    }

    /**
     * Finds room at the tail for a record of {@code length} payload bytes of {@code kind}, and
     * prepares it: zeroes the header after it (and its own, if it starts the data after a
     * padding record), writes its kind; its length word stays 0, so nothing is visible yet.
     *
     * @return the record's index in the data, or -1 if there is no room now
     */
    private int reserve(int length, int kind) {
        if (claimAt >= 0) {
            throw RingChecks.claimOpen(data + claimAt + RECORD_HEADER_BYTES, ring);
        }
        int aligned = recordBytes(length);
        int index = tail & mask;
        int toEnd = dataBytes - index;
        int padding = aligned > toEnd ? toEnd : 0;
        int required = padding + aligned + RECORD_HEADER_BYTES;
        if (required > dataBytes - (tail - cachedHead) || written - cachedRead >= capacity) {
            long consumer = region.getLongAcquire(consumerWord);
            cachedHead = (int) consumer;
            cachedRead = (int) (consumer >>> 32);
            if (required > dataBytes - (tail - cachedHead) || written - cachedRead >= capacity) {
                return -1;
            }
        }
        int at = padding != 0 ? 0 : index;
        if (padding != 0) {
            buffer.putLong(data, 0L);
        }
        buffer.putLong(data + ((at + aligned) & mask), 0L);
        buffer.putInt(data + at + RECORD_KIND_OFFSET, kind);
        reservedPadding = padding;
        return at;
    }

    /** Publishes the reserved record at {@code at}: its padding record first, if any, then its length, then the producer word. */
    private void publish(int at, int length) {
        int padding = reservedPadding;
        if (padding != 0) {
            int index = tail & mask;
            buffer.putInt(data + index + RECORD_KIND_OFFSET, KIND_PADDING);
            SharedRegion.INTS.setRelease(buffer, data + index, padding);
        }
        SharedRegion.INTS.setRelease(buffer, data + at, RECORD_HEADER_BYTES + length);
        tail += padding + recordBytes(length);
        written++;
        SharedRegion.LONGS.setRelease(buffer, producerWord, pack(written, tail));
    }

    /**
     * Takes the producer's position over from the shared words: the published tail, plus the
     * records a predecessor killed between committing a record and publishing its counter
     * committed after it. An unpublished (claimed, never committed) record is not among them.
     */
    void resume() {
        long word = region.getLongVolatile(producerWord);
        int t = (int) word;
        int w = (int) (word >>> 32);
        for (int walked = 0; walked < dataBytes; ) {
            int index = t & mask;
            int length = (int) SharedRegion.INTS.getAcquire(buffer, data + index);
            if (length <= 0) {
                break;
            }
            ring.checkRecord(index, length);
            boolean padding = buffer.getInt(data + index + RECORD_KIND_OFFSET) == KIND_PADDING;
            int step = padding ? length : recordBytes(length - RECORD_HEADER_BYTES);
            if (!padding) {
                w++;
            }
            t += step;
            walked += step;
        }
        long consumer = region.getLongVolatile(consumerWord);
        tail = t;
        written = w;
        cachedHead = (int) consumer;
        cachedRead = (int) (consumer >>> 32);
        claimAt = -1;
        SharedRegion.LONGS.setRelease(buffer, producerWord, pack(w, t));
    }
}
