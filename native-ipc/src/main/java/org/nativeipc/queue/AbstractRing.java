package org.nativeipc.queue;

import static org.nativeipc.queue.RingControlLayout.*;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.internal.object.SharedObjects;
import org.nativeipc.internal.object.Timeouts;
import org.nativeipc.internal.wait.EventCount;

/**
 * What both rings share: the control block (geometry, participants, waiters), registration of
 * this process as producer or consumer, closing, and the raw {@link MessageRing} operations,
 * written once over each ring's non-blocking {@link #tryWrite} and {@link #tryRead} (the waiting
 * itself is in {@link RingWaiter}).
 */
abstract class AbstractRing implements MessageRing {
    /** Record kind of ordinary messages. */
    static final int KIND_MESSAGE = 0;
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
    final RingWaiter waiter = new RingWaiter(this);

    private volatile boolean closed;
    private volatile int participantId = -1;
    private volatile boolean producing;
    private volatile boolean consuming;

    AbstractRing(SharedRegion region, int base, int expectedType, boolean standalone) {
        RingGeometry geometry = RingGeometry.read(region, base, expectedType);
        this.region = region;
        this.standalone = standalone;
        this.buffer = region.payload();
        this.base = base;
        this.flags = geometry.flags();
        this.capacity = geometry.capacity();
        this.maxMessageBytes = geometry.maxMessageBytes();
        this.areaBytes = geometry.areaBytes();
        this.expectedProducers = geometry.expectedProducers();
        this.area = base + geometry.areaOffset();
        this.participants = new Participants(region, base, geometry.participantSlots());
        this.notEmpty = new EventCount(region, base + NOT_EMPTY_OFFSET);
        this.notFull = new EventCount(region, base + NOT_FULL_OFFSET);
        this.allDone = new EventCount(region, base + ALL_DONE_OFFSET);
    }

    // ---- what each ring provides --------------------------------------------------------------

    /** Writes one record if there is room now; the caller has validated the range and registered. */
    abstract boolean tryWrite(byte[] source, int offset, int length, int kind);

    /** Reads one record with {@code reader} (which never returns null), or returns null if there is none now. */
    abstract <T> T tryRead(RecordReader<T> reader);

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

    /** Who may have written the message just read, for reports: the ring's processes and their roles. */
    String describeProducers() {
        return "one of its processes (" + participants.describe() + ")";
    }

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
            takeRole(true);
        }
    }

    /** Makes this process a consumer of the ring (done by the first read, or eagerly by a pipe end). */
    final void ensureConsumer() {
        if (!consuming) {
            takeRole(false);
        }
    }

    private synchronized void takeRole(boolean producer) {
        checkOpen();
        int id = participantId();
        if (producer && !producing) {
            becomeProducer(id);
            participants.startProducing(id);
            producing = true;
        } else if (!producer && !consuming) {
            becomeConsumer(id);
            participants.startConsuming(id);
            consuming = true;
        }
    }

    // ---- writing and reading, for the queues and pipes --------------------------------------------

    /** As {@link RingWaiter#write}, after checking the message and registering this process as a producer. */
    final boolean write(byte[] source, int offset, int length, int kind, long timeoutNanos, boolean needConsumer)
            throws InterruptedException {
        RingChecks.checkMessage(source, offset, length, maxMessageBytes, this);
        checkOpen();
        ensureProducer();
        return waiter.write(source, offset, length, kind, timeoutNanos, needConsumer);
    }

    /** As {@link RingWaiter#read}, after registering this process as a consumer. */
    final <T> T read(RecordReader<T> reader, long timeoutNanos, boolean endIsEmpty) throws InterruptedException {
        checkOpen();
        ensureConsumer();
        return waiter.read(reader, timeoutNanos, endIsEmpty);
    }

    /** Takes up to {@code limit} available records without waiting, handing each value to {@code sink}. */
    final <T> int drain(RecordReader<T> reader, Consumer<? super T> sink, int limit) {
        checkOpen();
        ensureConsumer();
        int n = 0;
        try {
            while (n < limit) {
                T value = tryRead(reader);
                if (value == null) {
                    break;
                }
                n++;
                sink.accept(value);
            }
        } finally {
            if (n > 0) {
                notFull.signalAll();
            }
        }
        return n;
    }

    /** As {@link RingWaiter#awaitReadable}, after registering this process as a consumer. */
    final boolean awaitReadable(long timeoutNanos) throws InterruptedException {
        checkOpen();
        ensureConsumer();
        return waiter.awaitReadable(timeoutNanos);
    }

    /** True when no more messages can come (see {@link Participants#producersGone}). */
    final boolean producersGone() {
        return participants.producersGone(expectedProducers, (flags & FLAG_DEATH_CLOSES) != 0);
    }

    // ---- MessageRing -----------------------------------------------------------------------------

    @Override
    public final boolean offer(byte[] message, int offset, int length) {
        try {
            return write(message, offset, length, KIND_MESSAGE, 0, false);
        } catch (InterruptedException impossible) {
            throw new AssertionError("a zero-timeout write does not wait", impossible);
        }
    }

    @Override
    public final int offer(byte[][] messages, int offset, int count) {
        Objects.requireNonNull(messages, "messages");
        Objects.checkFromIndexSize(offset, count, messages.length);
        for (int i = offset; i < offset + count; i++) {
            RingChecks.checkMessage(Objects.requireNonNull(messages[i], "messages[" + i + "]"), 0, messages[i].length, maxMessageBytes, this);
        }
        checkOpen();
        ensureProducer();
        int n = 0;
        while (n < count && tryWrite(messages[offset + n], 0, messages[offset + n].length, KIND_MESSAGE)) {
            n++;
        }
        if (n > 0) {
            notEmpty.signalAll();
        }
        return n;
    }

    @Override
    public final boolean offer(byte[] message, int offset, int length, long timeout, TimeUnit unit) throws InterruptedException {
        return write(message, offset, length, KIND_MESSAGE, toNanos(timeout, unit), false);
    }

    @Override
    public final void put(byte[] message, int offset, int length) throws InterruptedException {
        write(message, offset, length, KIND_MESSAGE, Long.MAX_VALUE, false);
    }

    @Override
    public final byte[] poll() {
        try {
            return read(COPY, 0, true);
        } catch (InterruptedException impossible) {
            throw new AssertionError("a zero-timeout read does not wait", impossible);
        }
    }

    @Override
    public final byte[] take() throws InterruptedException {
        return read(COPY, Long.MAX_VALUE, false);
    }

    @Override
    public final int poll(MessageHandler handler, int limit) {
        RingChecks.checkHandler(handler, limit);
        return controlledRead((buffer, offset, length) -> {
            handler.onMessage(buffer, offset, length);
            return ControlledMessageHandler.Action.CONTINUE;
        }, limit);
    }

    @Override
    public final int poll(MessageHandler handler, int limit, long timeout, TimeUnit unit) throws InterruptedException {
        RingChecks.checkHandler(handler, limit);
        checkOpen();
        ensureConsumer();
        return waiter.poll(handler, limit, toNanos(timeout, unit));
    }

    // ---- zero-copy writing (MessageRing) ------------------------------------------------------------

    /** Claims room for {@code length} bytes (checked, registered as producer), or returns {@link #INSUFFICIENT_CAPACITY}. */
    abstract int claim(int length);

    /**
     * Commits (publishes) or aborts the current thread's claim at {@code index}; refuses any other
     * index, and refuses if this ring is closed in this process unless the ring can still finish
     * a claim made before the close.
     */
    abstract void finishClaim(int index, boolean commit);

    @Override
    public final ByteBuffer buffer() {
        return buffer;
    }

    @Override
    public final int tryClaim(int length) {
        RingChecks.checkClaim(length, maxClaimBytes(), this);
        checkOpen();
        ensureProducer();
        return claim(length);
    }

    @Override
    public final void commit(int index) {
        finishClaim(index, true);
    }

    @Override
    public final void abort(int index) {
        finishClaim(index, false);
    }

    /** Aborts the current thread's open claim, if any (at close). */
    void abortOpenClaim() {
    }

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

    // ---- state and closing ------------------------------------------------------------------------

    /** Messages lost because the process holding them died. */
    final long lostMessages() {
        return region.getLongVolatile(base + LOST_MESSAGES_OFFSET);
    }

    final void countLost() {
        region.getAndAddLong(base + LOST_MESSAGES_OFFSET, 1);
    }

    final boolean isClosed() {
        return closed;
    }

    final void checkOpen() {
        if (closed) {
            throw new IllegalStateException(name() + " is closed in this process");
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
            abortOpenClaim();
            closed = true;
        }
        closeSides(true, true);
        notEmpty.signalAll();
        notFull.signalAll();
        if (standalone) {
            SharedObjects.release(region);
        }
    }

    static long toNanos(long timeout, TimeUnit unit) {
        return Timeouts.toNanos(timeout, unit);
    }

    /** The ring's short name for messages: type, file, offset, and whether it is closed here. */
    final String name() {
        return getClass().getSimpleName() + "[" + region.path().getFileName() + (base == 0 ? "" : "@" + base)
                + (closed ? ", closed here" : "") + "]";
    }

    /** Live state for debugging: depth, capacity, messages lost to crashes, the processes and their roles. */
    @Override
    public String toString() {
        return name() + " {" + describeState() + ", capacity " + capacity + " messages of up to " + maxMessageBytes
                + " bytes, lost " + lostMessages() + ", " + participants.describe() + "}";
    }
}
