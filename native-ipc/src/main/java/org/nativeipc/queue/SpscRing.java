package org.nativeipc.queue;

import static org.nativeipc.queue.SpscRingLayout.*;

import java.io.Serializable;
import java.lang.invoke.VarHandle;

import org.nativeipc.internal.memory.RegionKind;
import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.internal.object.ObjectHandle;
import org.nativeipc.internal.object.Recipe;
import org.nativeipc.internal.object.SharedObjects;

/**
 * A single-producer/single-consumer ring of variable-length byte messages in shared memory (see
 * {@link SpscRingLayout}): the fastest way to move messages from one process to another.
 *
 * <p><b>Algorithm.</b> A power-of-two byte ring with a producer counter and a consumer counter
 * on cache lines of their own. The producer keeps a private copy of the consumer's counter and
 * reads the shared one only when that copy says the ring is full; the consumer does not read
 * the producer's counter at all: it reads the next record's length word, which the producer
 * writes last, with a release store (the publication). No CAS, no fence and no system call on
 * either fast path; batch reads hand over many records with one call. The design follows
 * Agrona's {@code OneToOneRingBuffer} (record header with the length written last, pre-zeroed
 * next header, padding record at the wrap) and adds cross-process ownership and recovery.
 *
 * <p><b>One producer, one consumer.</b> The first process that writes becomes the producer and
 * the first that reads the consumer; within a process, one thread at a time may write and one
 * may read ({@link SharedQueue} adds the locks). Another process may take a side over once its
 * owner has closed it or died; until then it gets an {@link IllegalStateException} naming the
 * owner.
 *
 * <p><b>Crash safety.</b> A producer killed while writing leaves no committed record, so the
 * consumer sees nothing of it; a new producer resumes at the last committed record (found from
 * the producer word and the committed lengths after it). A consumer advances its counter after
 * every record it finished reading, so a new consumer resumes at exactly the next unread record:
 * a record being read when the consumer died is read again by its successor (it was never
 * consumed), and nothing is lost or duplicated. A zero-copy claim ({@link #tryClaim}) is a
 * record whose length word stays 0 until {@link #commit}: a producer killed before committing
 * leaves nothing, and an aborted claim is simply not published.
 *
 * @serial exclude (a ring travels as a handle: see {@code writeReplace})
 */
public final class SpscRing extends AbstractRing implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(SpscRing.class.getPackageName());
    /** Participants an SPSC ring records (processes that used it over its life, with reuse of dead ones). */
    static final int PARTICIPANT_SLOTS = 32;
    private static final int PAGE_BYTES = 4096;

    private final int data;
    private final int dataBytes;
    private final int mask;
    private final int producerWord;
    private final int consumerWord;

    private final SpscProducer producer;
    // Consumer-side state: touched only by the consuming thread.
    private int head;
    private int read;

    SpscRing(SharedRegion region, int base, boolean standalone) {
        super(region, base, RingControlLayout.TYPE_SPSC, standalone);
        this.dataBytes = areaBytes - DATA_OFFSET;
        if (Integer.bitCount(dataBytes) != 1 || dataBytes < MIN_DATA_BYTES || dataBytes > MAX_DATA_BYTES
                || maxMessageBytes > maxPayloadBytes(dataBytes)) {
            throw new IllegalStateException(region + " holds an SPSC ring with " + dataBytes + " data bytes and messages of up to "
                    + maxMessageBytes + " bytes, which is inconsistent: the file is corrupted; create the ring again");
        }
        this.data = area + DATA_OFFSET;
        this.mask = dataBytes - 1;
        this.producerWord = area + PRODUCER_WORD_OFFSET;
        this.consumerWord = area + CONSUMER_WORD_OFFSET;
        this.producer = new SpscProducer(this, data, dataBytes, producerWord, consumerWord);
        for (int page = 0; page < dataBytes; page += PAGE_BYTES) {
            buffer.get(data + page);
        }
    }

    /**
     * Bytes a message takes in a ring's data area, header and alignment included: for sizing a
     * ring to hold a number of messages.
     *
     * @param messageBytes the message length in bytes
     * @return the bytes it takes in the ring
     */
    public static int bytesPerMessage(int messageBytes) {
        return SpscRingLayout.recordBytes(messageBytes);
    }

    /**
     * Largest message a ring with {@code dataBytes} of data takes: for sizing a ring to carry
     * messages of a given size.
     *
     * @param dataBytes bytes of message data of the ring (a power of two, 64 B to 1 GiB)
     * @return the largest message length in bytes such a ring accepts
     */
    public static int maxMessageBytesFor(int dataBytes) {
        return maxPayloadBytes(dataBytes);
    }

    /**
     * A new ring with {@code dataBytes} of data (a power of two, 64 B to 1 GiB), taking messages
     * of up to half that size, bounded by bytes only.
     *
     * @param dataBytes bytes of message data the ring holds (a power of two, 64 B to 1 GiB)
     * @return the new ring, owned by this process
     */
    public static SpscRing create(int dataBytes) {
        return create(dataBytes, dataBytes >= MIN_DATA_BYTES ? maxPayloadBytes(dataBytes) : 0);
    }

    /**
     * A new ring with {@code dataBytes} of data taking messages of up to {@code maxMessageBytes}.
     *
     * @param dataBytes bytes of message data the ring holds (a power of two, 64 B to 1 GiB)
     * @param maxMessageBytes largest message in bytes
     * @return the new ring, owned by this process
     */
    public static SpscRing create(int dataBytes, int maxMessageBytes) {
        return SharedObjects.create(QueueTypes.SPSC_RING, Recipe.of(RegionKind.SPSC_RING, VERSION, ringBytes(dataBytes),
                r -> initialize(r, 0, dataBytes, maxMessageBytes, UNBOUNDED_MESSAGES, 0, 1)), null);
    }

    /** Bytes a ring with {@code dataBytes} of data takes in its region. */
    static int ringBytes(int dataBytes) {
        checkDataBytes(dataBytes);
        return RingControlLayout.controlBytes(PARTICIPANT_SLOTS) + DATA_OFFSET + dataBytes;
    }

    static void checkDataBytes(int dataBytes) {
        if (Integer.bitCount(dataBytes) != 1 || dataBytes < MIN_DATA_BYTES || dataBytes > MAX_DATA_BYTES) {
            throw new IllegalArgumentException("an SPSC ring's data size must be a power of two between " + MIN_DATA_BYTES
                    + " and " + MAX_DATA_BYTES + " bytes, not " + dataBytes);
        }
    }

    /** Writes the control block and area of a new ring at {@code base} (creator, before publication). */
    static void initialize(SharedRegion region, int base, int dataBytes, int maxMessageBytes, int capacity, int flags,
                           int expectedProducers) {
        checkDataBytes(dataBytes);
        if (maxMessageBytes < 0 || maxMessageBytes > maxPayloadBytes(dataBytes)) {
            throw new IllegalArgumentException("an SPSC ring of " + dataBytes + " data bytes takes messages of 0 to "
                    + maxPayloadBytes(dataBytes) + " bytes, not " + maxMessageBytes + ": give a larger ring or a smaller maximum");
        }
        if (capacity < 1 || capacity > UNBOUNDED_MESSAGES) {
            throw new IllegalArgumentException("capacity " + capacity + " must be between 1 and " + UNBOUNDED_MESSAGES + " messages");
        }
        new RingGeometry(RingControlLayout.TYPE_SPSC, flags, capacity, maxMessageBytes, DATA_OFFSET + dataBytes, 0,
                PARTICIPANT_SLOTS, expectedProducers).write(region, base);
    }

    // ---- producer ------------------------------------------------------------------------------

    @Override
    boolean tryWrite(byte[] source, int offset, int length, int kind) {
        return producer.tryWrite(source, offset, length, kind);
    }

    @Override
    boolean writable(int length) {
        return producer.writable(length);
    }

    /** The largest message: a claim is one record, contiguous in the data. */
    @Override
    public int maxClaimBytes() {
        return maxMessageBytes;
    }

    @Override
    int claim(int length) {
        return producer.tryClaim(length);
    }

    @Override
    void finishClaim(int index, boolean commit) {
        checkOpen(); // once closed, another process may have taken over the producer side: nothing more is published from here
        producer.finishClaim(index, commit);
        if (commit) {
            notEmpty.signalOne();
        }
    }

    // ---- consumer ------------------------------------------------------------------------------

    @Override
    <T> T tryRead(RecordReader<T> reader) {
        int h = head;
        while (true) {
            int index = h & mask;
            int length = (int) SharedRegion.INTS.getAcquire(buffer, data + index);
            if (length <= 0) {
                if (h != head) {
                    publishConsumer(h, read);
                }
                return null;
            }
            checkRecord(index, length);
            int kind = buffer.getInt(data + index + RECORD_KIND_OFFSET);
            if (kind == KIND_PADDING) {
                h += length;
                continue;
            }
            try {
                return reader.read(buffer, data + index + RECORD_HEADER_BYTES, length - RECORD_HEADER_BYTES, kind);
            } finally {
                publishConsumer(h + recordBytes(length - RECORD_HEADER_BYTES), read + 1);
            }
        }
    }

    /**
     * Batch read in place: hands up to {@code limit} records to the handler, publishing the
     * consumer word after each it consumed (so {@code COMMIT} is {@code CONTINUE}, and a consumer
     * killed in the handler leaves that message to its successor); {@code ABORT} leaves the
     * message in the ring, to be handed over again by the next read.
     */
    @Override
    public int controlledRead(ControlledMessageHandler handler, int limit) {
        RingChecks.checkHandler(handler, limit);
        checkOpen();
        ensureConsumer();
        int n = 0;
        int h = head;
        int r = read;
        try {
            while (n < limit) {
                int index = h & mask;
                int length = (int) SharedRegion.INTS.getAcquire(buffer, data + index);
                if (length <= 0) {
                    break;
                }
                checkRecord(index, length);
                if (buffer.getInt(data + index + RECORD_KIND_OFFSET) == KIND_PADDING) {
                    h += length;
                    continue;
                }
                ControlledMessageHandler.Action action = null;
                try {
                    action = handler.onMessage(buffer, data + index + RECORD_HEADER_BYTES, length - RECORD_HEADER_BYTES);
                } finally {
                    if (action != ControlledMessageHandler.Action.ABORT) { // consumed, also when the handler threw
                        h += recordBytes(length - RECORD_HEADER_BYTES);
                        r++;
                        n++;
                        publishConsumer(h, r);
                    }
                }
                if (action == ControlledMessageHandler.Action.ABORT || action == ControlledMessageHandler.Action.BREAK) {
                    break;
                }
            }
        } finally {
            if (h != head) {
                publishConsumer(h, r);
            }
            if (n > 0) {
                notFull.signalOne();
            }
        }
        return n;
    }

    private void publishConsumer(int newHead, int newRead) {
        head = newHead;
        read = newRead;
        SharedRegion.LONGS.setRelease(buffer, consumerWord, pack(newRead, newHead));
    }

    /** Checks a committed record's length word (the producer's resume walk uses it too). */
    void checkRecord(int index, int length) {
        if (length < RECORD_HEADER_BYTES || length > dataBytes - index
                || length - RECORD_HEADER_BYTES > maxMessageBytes && buffer.getInt(data + index + RECORD_KIND_OFFSET) != KIND_PADDING) {
            throw new IllegalStateException(name() + " is corrupted: record at index " + index + " has length " + length
                    + "; create the ring again");
        }
    }

    @Override
    byte[] peekCopy() {
        while (true) {
            long consumer = region.getLongVolatile(consumerWord);
            int h = (int) consumer;
            int index = h & mask;
            int length = (int) SharedRegion.INTS.getAcquire(buffer, data + index);
            if (length > 0 && buffer.getInt(data + index + RECORD_KIND_OFFSET) == KIND_PADDING) {
                index = 0;
                length = (int) SharedRegion.INTS.getAcquire(buffer, data);
            }
            byte[] copy = null;
            if (length >= RECORD_HEADER_BYTES && length - RECORD_HEADER_BYTES <= maxMessageBytes && length <= dataBytes - index) {
                copy = new byte[length - RECORD_HEADER_BYTES];
                buffer.get(data + index + RECORD_HEADER_BYTES, copy, 0, copy.length);
            }
            VarHandle.acquireFence();
            if (region.getLongVolatile(consumerWord) == consumer && (copy != null || length <= 0)) {
                return copy;
            }
        }
    }

    @Override
    boolean readable() {
        return (int) SharedRegion.INTS.getAcquire(buffer, data + (head & mask)) > 0;
    }

    // ---- sides -------------------------------------------------------------------------------

    @Override
    void becomeProducer(int id) {
        takeSide(area + PRODUCER_OWNER_OFFSET, id, Participants.PRODUCER_CLOSED, "producer");
        producer.resume();
    }

    @Override
    void becomeConsumer(int id) {
        takeSide(area + CONSUMER_OWNER_OFFSET, id, Participants.CONSUMER_CLOSED, "consumer");
        long word = region.getLongVolatile(consumerWord);
        head = (int) word;
        read = (int) (word >>> 32);
    }

    private void takeSide(int ownerOffset, int id, int closedRole, String side) {
        int mine = id | OWNED;
        while (true) {
            int owner = region.getIntVolatile(ownerOffset);
            if (owner == mine) {
                return;
            }
            if (owner != 0) {
                int ownerId = owner & ~OWNED;
                if (!participants.isDead(ownerId) && !participants.hasClosed(ownerId, closedRole)) {
                    throw new IllegalStateException(name() + " already has a " + side + ": process " + participants.pidOf(ownerId)
                            + ". A single-producer/single-consumer ring has one " + side + " process at a time: close it there"
                            + " first, or use a multi-producer/multi-consumer queue");
                }
            }
            if (region.compareAndSetInt(ownerOffset, owner, mine)) {
                if (owner != 0 && !participants.hasClosed(owner & ~OWNED, closedRole)) {
                    LOG.log(System.Logger.Level.WARNING, "took over the " + side + " side of " + name() + " from process "
                            + participants.pidOf(owner & ~OWNED) + ", which died using it");
                }
                return;
            }
        }
    }

    @Override
    String describeProducers() {
        int owner = region.getIntVolatile(area + PRODUCER_OWNER_OFFSET);
        return owner == 0 ? "its producer (which has closed its side)" : "its producer, pid " + participants.pidOf(owner & ~OWNED);
    }

    @Override
    void releaseSide(int id, boolean producerSide) {
        region.compareAndSetInt(area + (producerSide ? PRODUCER_OWNER_OFFSET : CONSUMER_OWNER_OFFSET), id | OWNED, 0);
    }

    @Override
    boolean recoverFromDeadProcesses(boolean reading) {
        return false;
    }

    // ---- state ----------------------------------------------------------------------------------

    @Override
    public int size() {
        long consumer = region.getLongVolatile(consumerWord);
        long producer = region.getLongVolatile(producerWord);
        int n = (int) (producer >>> 32) - (int) (consumer >>> 32);
        return Math.max(0, Math.min(n, capacity));
    }

    /**
     * Bytes of the data area.
     *
     * @return bytes of the data area
     */
    public int dataBytes() {
        return dataBytes;
    }

    @Override
    String describeState() {
        long consumer = region.getLongVolatile(consumerWord);
        long producer = region.getLongVolatile(producerWord);
        return size() + " messages, " + ((int) producer - (int) consumer) + " of " + dataBytes + " bytes used";
    }

    /**
     * A ring travels as a handle (its file's name, kind and layout version) and re-attaches on
     * arrival.
     *
     * @return the handle
     */
    private Object writeReplace() {
        return ObjectHandle.of(region, QueueTypes.SPSC_RING, null);
    }
}
