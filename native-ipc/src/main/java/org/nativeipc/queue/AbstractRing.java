package org.nativeipc.queue;

import static org.nativeipc.queue.RingControlLayout.*;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.nativeipc.internal.memory.AttachedObjects;
import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.internal.wait.EventCount;

/**
 * What both rings share: the control block (geometry, participants, waiters), registration of
 * this process as producer or consumer, and every blocking operation, written once over the
 * rings' non-blocking {@link #tryWrite} and {@link #tryRead}.
 *
 * <p>Waiting goes through {@link EventCount}: the condition a waiter re-checks is cheap (is there
 * data / room), and every {@link #MAINTENANCE_INTERVAL_NANOS}, or when a producer's state changed,
 * it also does the slow checks: resolve a claim left by a dead process, and notice that every
 * producer is gone.
 */
abstract class AbstractRing implements MessageRing {
    /** Returned by reads that found nothing. */
    static final Object EMPTY = new Object();
    /** Record kind of ordinary messages. */
    static final int KIND_MESSAGE = 0;
    /** How often a waiter looks for dead processes' claims and for producers that are gone. */
    static final long MAINTENANCE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final RecordReader<byte[]> COPY = (buffer, offset, length, kind) -> {
        byte[] copy = new byte[length];
        buffer.get(offset, copy, 0, length);
        return copy;
    };

    final SharedRegion region;
    /** True for a ring that owns its region (closing the ring closes the region). */
    final boolean standalone;
    final ByteBuffer buffer;
    final int base;
    final int area;
    final int capacity;
    final int maxMessageBytes;
    final int areaBytes;
    final int flags;
    final int expectedProducers;
    final Participants participants;
    final EventCount notEmpty;
    final EventCount notFull;
    final EventCount allDone;

    private volatile boolean closed;
    private volatile int participantId = -1;
    private volatile boolean producing;
    private volatile boolean consuming;
    private volatile long lastMaintenance;
    private volatile long seenProducerEpoch = -1;
    /** Set by {@link #maintenance} when it found every producer gone; readers then check again and end. */
    private volatile boolean endSeen;
    private volatile long seenConsumerEpoch = -1;
    private volatile boolean consumersGone;

    AbstractRing(SharedRegion region, int base, int expectedType, boolean standalone) {
        this.region = region;
        this.standalone = standalone;
        this.buffer = region.payload();
        this.base = base;
        int type = region.getInt(base + TYPE_OFFSET);
        this.flags = region.getInt(base + FLAGS_OFFSET);
        this.capacity = region.getInt(base + CAPACITY_OFFSET);
        this.maxMessageBytes = region.getInt(base + MAX_MESSAGE_BYTES_OFFSET);
        this.areaBytes = region.getInt(base + AREA_BYTES_OFFSET);
        this.expectedProducers = region.getInt(base + EXPECTED_PRODUCERS_OFFSET);
        int slots = region.getInt(base + PARTICIPANT_SLOTS_OFFSET);
        long ringBytes = region.getLong(base + RING_BYTES_OFFSET);
        if (type != expectedType || slots < 1 || slots > MAX_PARTICIPANT_SLOTS || capacity < 1 || maxMessageBytes < 0
                || areaBytes < 0 || ringBytes != (long) controlBytes(slots) + areaBytes || base + ringBytes > region.payloadSize()) {
            throw new IllegalStateException(region + " does not hold a valid " + (expectedType == TYPE_SPSC ? "SPSC" : "MPMC")
                    + " ring at offset " + base + " (type " + Integer.toHexString(type) + ", capacity " + capacity + ", max message "
                    + maxMessageBytes + ", area " + areaBytes + ", participants " + slots + ", ring bytes " + ringBytes
                    + "): the file is corrupted or was written by another version; create the queue again");
        }
        this.area = base + controlBytes(slots);
        this.participants = new Participants(region, base, slots);
        this.notEmpty = new EventCount(region, base + NOT_EMPTY_OFFSET);
        this.notFull = new EventCount(region, base + NOT_FULL_OFFSET);
        this.allDone = new EventCount(region, base + ALL_DONE_OFFSET);
    }

    /** Writes the control block of a new ring (creator only, before the region is published). */
    static void initializeControl(SharedRegion region, int base, int type, int flags, int capacity, int maxMessageBytes,
                                  int areaBytes, int slotBytes, int participantSlots, int expectedProducers) {
        region.putInt(base + TYPE_OFFSET, type);
        region.putInt(base + FLAGS_OFFSET, flags);
        region.putInt(base + CAPACITY_OFFSET, capacity);
        region.putInt(base + MAX_MESSAGE_BYTES_OFFSET, maxMessageBytes);
        region.putInt(base + AREA_BYTES_OFFSET, areaBytes);
        region.putInt(base + SLOT_BYTES_OFFSET, slotBytes);
        region.putInt(base + PARTICIPANT_SLOTS_OFFSET, participantSlots);
        region.putInt(base + EXPECTED_PRODUCERS_OFFSET, expectedProducers);
        region.putLong(base + RING_BYTES_OFFSET, (long) controlBytes(participantSlots) + areaBytes);
    }

    // ---- what each ring provides --------------------------------------------------------------

    /** Writes one record if there is room now; the caller has validated the range and registered. */
    abstract boolean tryWrite(byte[] source, int offset, int length, int kind);

    /** Reads one record with {@code reader}, or returns {@link #EMPTY}. */
    abstract Object tryRead(RecordReader<?> reader);

    /** A copy of the next record's payload without consuming it, or null if there is none (any process may peek). */
    abstract byte[] peekCopy();

    /** Cheap: might a read succeed now? */
    abstract boolean readable();

    /** Cheap: might a write of {@code length} bytes succeed now? */
    abstract boolean writable(int length);

    /** Slow path while blocked: resolve what a dead process left in the way. True if anything changed. */
    abstract boolean recoverFromDeadProcesses(boolean reading);

    /** Called once when this process becomes the ring's producer (SPSC takes the producer side). */
    void becomeProducer(int id) {
    }

    /** Called once when this process becomes the ring's consumer (SPSC takes the consumer side). */
    void becomeConsumer(int id) {
    }

    /** Called when this process closes its producer (or consumer) side (SPSC releases it). */
    void releaseSide(int id, boolean producerSide) {
    }

    abstract String describeState();

    // ---- registration -----------------------------------------------------------------------------

    final int participantId() {
        int id = participantId;
        if (id < 0) {
            synchronized (this) {
                id = participantId;
                if (id < 0) {
                    id = participants.register();
                    participantId = id;
                }
            }
        }
        return id;
    }

    /** Makes this process a producer of the ring (done by the first write, or eagerly by a pipe end). */
    final void ensureProducer() {
        if (!producing) {
            synchronized (this) {
                checkOpen();
                if (!producing) {
                    int id = participantId();
                    becomeProducer(id);
                    participants.startProducing(id);
                    producing = true;
                }
            }
        }
    }

    /** Makes this process a consumer of the ring (done by the first read, or eagerly by a pipe end). */
    final void ensureConsumer() {
        if (!consuming) {
            synchronized (this) {
                checkOpen();
                if (!consuming) {
                    int id = participantId();
                    becomeConsumer(id);
                    participants.startConsuming(id);
                    consuming = true;
                }
            }
        }
    }

    // ---- writing -------------------------------------------------------------------------------------

    /**
     * Writes one record, waiting at most {@code timeoutNanos} ({@code Long.MAX_VALUE}: forever).
     *
     * @return false if the time ran out
     */
    final boolean write(byte[] source, int offset, int length, int kind, long timeoutNanos) throws InterruptedException {
        return write(source, offset, length, kind, timeoutNanos, false);
    }

    /**
     * As {@link #write(byte[], int, int, int, long)}; with {@code needConsumer} (a pipe) it fails
     * once every consumer has closed the ring or died, instead of filling it for nobody.
     *
     * @throws EndOfStreamException if {@code needConsumer} and no consumer is left
     */
    final boolean write(byte[] source, int offset, int length, int kind, long timeoutNanos, boolean needConsumer)
            throws InterruptedException {
        checkMessage(source, offset, length);
        checkOpen();
        ensureProducer();
        if (needConsumer) {
            checkConsumers();
        }
        if (tryWrite(source, offset, length, kind)) {
            notEmpty.signalOne();
            return true;
        }
        if (timeoutNanos <= 0) {
            return false;
        }
        long start = System.nanoTime();
        long remaining = timeoutNanos;
        while (true) {
            boolean ready = notFull.await(() -> writable(length) || closed || maintenance(false)
                    || needConsumer && participants.consumerEpoch() != seenConsumerEpoch, remaining);
            checkOpen();
            if (needConsumer) {
                checkConsumers();
            }
            if (tryWrite(source, offset, length, kind)) {
                notEmpty.signalOne();
                return true;
            }
            if (!ready || timeoutNanos != Long.MAX_VALUE && (remaining = timeoutNanos - (System.nanoTime() - start)) <= 0) {
                return false;
            }
        }
    }

    private void checkConsumers() {
        long epoch = participants.consumerEpoch();
        if (epoch != seenConsumerEpoch) {
            consumersGone = participants.consumersGone();
            seenConsumerEpoch = epoch;
        }
        if (consumersGone) {
            throw new EndOfStreamException(this + ": the reading end was closed or its process died (broken pipe)");
        }
    }

    void checkMessage(byte[] source, int offset, int length) {
        Objects.requireNonNull(source, "message");
        Objects.checkFromIndexSize(offset, length, source.length);
        if (length > maxMessageBytes) {
            throw new IllegalArgumentException("message of " + length + " bytes is larger than the " + maxMessageBytes
                    + " bytes a message may have in " + this + ": send smaller messages or create the ring with a larger maximum");
        }
    }

    @Override
    public final boolean offer(byte[] message, int offset, int length) {
        try {
            return write(message, offset, length, KIND_MESSAGE, 0);
        } catch (InterruptedException impossible) {
            throw new AssertionError("a zero-timeout write does not wait", impossible);
        }
    }

    @Override
    public final boolean offer(byte[] message, int offset, int length, long timeout, TimeUnit unit) throws InterruptedException {
        return write(message, offset, length, KIND_MESSAGE, toNanos(timeout, unit));
    }

    @Override
    public final void put(byte[] message, int offset, int length) throws InterruptedException {
        write(message, offset, length, KIND_MESSAGE, Long.MAX_VALUE);
    }

    // ---- reading -------------------------------------------------------------------------------------

    /**
     * Reads one record, waiting at most {@code timeoutNanos}.
     *
     * @return the reader's value, or {@link #EMPTY} if the time ran out, or if {@code endIsEmpty}
     *     and every producer is gone
     * @throws EndOfStreamException if every producer is gone and {@code endIsEmpty} is false
     */
    final Object read(RecordReader<?> reader, long timeoutNanos, boolean endIsEmpty) throws InterruptedException {
        checkOpen();
        ensureConsumer();
        Object value = readAndSignal(reader);
        if (value != EMPTY || timeoutNanos <= 0) {
            return value;
        }
        long start = System.nanoTime();
        long remaining = timeoutNanos;
        while (true) {
            boolean ready = notEmpty.await(() -> readable() || closed || maintenance(true), remaining);
            checkOpen();
            value = readAndSignal(reader);
            if (value != EMPTY) {
                return value;
            }
            if (endSeen && producersGone()) {
                value = readAndSignal(reader);
                if (value != EMPTY || endIsEmpty) {
                    return value;
                }
                throw new EndOfStreamException(this + " is empty and its producers have closed it: no more messages will come");
            }
            if (!ready || timeoutNanos != Long.MAX_VALUE && (remaining = timeoutNanos - (System.nanoTime() - start)) <= 0) {
                return EMPTY;
            }
        }
    }

    private Object readAndSignal(RecordReader<?> reader) {
        Object value = tryRead(reader);
        if (value != EMPTY) {
            notFull.signalOne();
        }
        return value;
    }

    /** Takes up to {@code limit} available records without waiting, handing each value to {@code sink}. */
    final <T> int drain(RecordReader<T> reader, Consumer<? super T> sink, int limit) {
        checkOpen();
        ensureConsumer();
        int n = 0;
        while (n < limit) {
            @SuppressWarnings("unchecked")
            T value = (T) tryRead(reader);
            if (value == EMPTY) {
                break;
            }
            n++;
            sink.accept(value);
        }
        if (n > 0) {
            notFull.signalAll();
        }
        return n;
    }

    @Override
    public final byte[] poll() {
        try {
            Object value = read(COPY, 0, true);
            return value == EMPTY ? null : (byte[]) value;
        } catch (InterruptedException impossible) {
            throw new AssertionError("a zero-timeout read does not wait", impossible);
        }
    }

    @Override
    public final byte[] take() throws InterruptedException {
        return (byte[]) read(COPY, Long.MAX_VALUE, false);
    }

    @Override
    public int poll(MessageHandler handler, int limit) {
        Objects.requireNonNull(handler, "handler");
        if (limit < 1) {
            throw new IllegalArgumentException("limit " + limit + " must be at least 1");
        }
        return drain((buffer, offset, length, kind) -> {
            handler.onMessage(buffer, offset, length);
            return Boolean.TRUE;
        }, ignored -> { }, limit);
    }

    @Override
    public final int poll(MessageHandler handler, int limit, long timeout, TimeUnit unit) throws InterruptedException {
        long timeoutNanos = toNanos(timeout, unit);
        long start = System.nanoTime();
        while (true) {
            int n = poll(handler, limit);
            long remaining = timeoutNanos - (System.nanoTime() - start);
            if (n > 0 || remaining <= 0 || endSeen && producersGone()
                    || !notEmpty.await(() -> readable() || closed || maintenance(true), remaining)) {
                return n > 0 ? n : poll(handler, limit);
            }
        }
    }

    /**
     * The waiters' slow path, at most every {@link #MAINTENANCE_INTERVAL_NANOS} or when a producer
     * changed state: resolve dead processes' claims, notice that every producer is gone.
     */
    final boolean maintenance(boolean reading) {
        long now = System.nanoTime();
        long epoch = reading ? participants.producerEpoch() : seenProducerEpoch;
        if (now - lastMaintenance < MAINTENANCE_INTERVAL_NANOS && epoch == seenProducerEpoch) {
            return false;
        }
        lastMaintenance = now;
        seenProducerEpoch = epoch;
        if (recoverFromDeadProcesses(reading)) {
            return true;
        }
        if (!reading) {
            participants.consumersGone();
            return false;
        }
        boolean end = producersGone();
        endSeen = end;
        return end;
    }

    // ---- state -----------------------------------------------------------------------------------------

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    /** True when no more messages can come (see {@link Participants#producersGone}). */
    final boolean producersGone() {
        return participants.producersGone(expectedProducers, (flags & FLAG_DEATH_CLOSES) != 0);
    }

    /** Messages lost because the process holding them died. */
    final long lostMessages() {
        return region.getLongVolatile(base + LOST_MESSAGES_OFFSET);
    }

    final void countLost() {
        region.getAndAddLong(base + LOST_MESSAGES_OFFSET, 1);
    }

    /**
     * Waits at most {@code timeoutNanos} until a read would not block.
     *
     * @return true if a record is there or every producer is gone
     */
    final boolean awaitReadable(long timeoutNanos) throws InterruptedException {
        checkOpen();
        ensureConsumer();
        if (readable() || endSeen && producersGone()) {
            return true;
        }
        if (timeoutNanos <= 0) {
            return maintenance(true) && (readable() || producersGone());
        }
        return notEmpty.await(() -> readable() || closed || maintenance(true), timeoutNanos) && (readable() || producersGone());
    }

    final boolean isClosed() {
        return closed;
    }

    final void checkOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed in this process");
        }
    }

    /**
     * Closes this process's producer side and/or consumer side (if it took them), and wakes
     * everyone who may be waiting for that. The ring object stays usable for the other side.
     */
    final synchronized void closeSides(boolean producerSide, boolean consumerSide) {
        int id = participantId;
        if (id < 0) {
            return;
        }
        if (producerSide && producing) {
            participants.closeProducing(id);
            releaseSide(id, true);
            notEmpty.signalAll();
        }
        if (consumerSide && consuming) {
            participants.closeConsuming(id);
            releaseSide(id, false);
            notFull.signalAll();
        }
    }

    /** Marks this process's sides closed and wakes everyone who may be waiting for that. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        closeSides(true, true);
        notEmpty.signalAll();
        notFull.signalAll();
        if (standalone) {
            AttachedObjects.forget(region);
            region.close();
        }
    }

    static long toNanos(long timeout, TimeUnit unit) {
        Objects.requireNonNull(unit, "unit");
        return unit.toNanos(timeout);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + region.path().getFileName() + (base == 0 ? "" : "@" + base)
                + (closed ? ", closed here" : "") + "]";
    }

    /** Live state for debugging: depth, capacity, processes. */
    final String describe() {
        return this + " {" + describeState() + ", capacity " + capacity + " messages of up to " + maxMessageBytes
                + " bytes, lost " + lostMessages() + ", " + participants.describe() + "}";
    }
}
