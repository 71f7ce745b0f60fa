package org.nativeipc.bench.queue;

import static org.nativeipc.bench.support.ControlBlock.*;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.function.Predicate;

import org.nativeipc.bench.support.ControlBlock;
import org.nativeipc.bench.support.Idle;
import org.nativeipc.bench.support.MappedFile;
import org.nativeipc.bench.support.Messages;
import org.nativeipc.bench.support.PeerChildren;
import org.nativeipc.codec.SerializationAllowList;
import org.nativeipc.codec.Codec;
import org.nativeipc.codec.CodecOutput;
import org.nativeipc.codec.Codecs;
import org.nativeipc.queue.Connection;
import org.nativeipc.queue.ControlledMessageHandler;
import org.nativeipc.queue.EndOfStreamException;
import org.nativeipc.queue.MessageHandler;
import org.nativeipc.queue.MessageRing;
import org.nativeipc.queue.MpmcRing;
import org.nativeipc.queue.SharedQueue;
import org.nativeipc.queue.SpscRing;

/**
 * The child sides of the queue benchmarks (consumers, producers, echo) and their sizing: how
 * many elements make a ring of about {@code ringBytes} of data for a given message size. Each
 * child attaches the control block, says READY, works until the benchmark asks it to stop, and
 * publishes its counts (see {@link ControlBlock}).
 */
final class QueueSides {
    /** Ring data of every queue row, in bytes (state it with every figure). */
    static final String RING_BYTES = "1048576";
    /** Records a raw consumer handles per call. */
    static final int READ_LIMIT = 256;
    private static final VarHandle STAMP = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private QueueSides() {
    }

    /** A message of {@code size} bytes with a recognizable pattern after the stamp. */
    static byte[] message(int size) {
        byte[] m = new byte[Messages.requireSize(size)];
        for (int i = Messages.MIN_BYTES; i < size; i++) {
            m[i] = (byte) i;
        }
        return m;
    }

    static void stamp(byte[] message, int producer, long sequence) {
        STAMP.set(message, 0, Messages.stamp(producer, sequence));
    }

    static long stampOf(byte[] message) {
        return (long) STAMP.get(message, 0);
    }

    /** Elements of an SPSC queue of {@code size}-byte arrays whose ring has at most {@code ringBytes} of data. */
    static int spscCapacity(int size, int ringBytes) {
        return Math.max(1, ringBytes / SpscRing.bytesPerMessage(encodedBytes(size)) - 2);
    }

    /** What the benchmarks' codec makes of a {@code size}-byte array (its tag and length, then the bytes). */
    static int encodedBytes(int size) {
        CodecOutput out = new CodecOutput(Integer.MAX_VALUE);
        codec().encode(new byte[size], out);
        return out.length();
    }

    private static Codec<byte[]> codec() {
        return Codecs.defaults(SerializationAllowList.jdkOnly());
    }

    /** Slots of an MPMC ring of {@code size}-byte messages taking about {@code ringBytes}. */
    static int mpmcCapacity(int messageBytes, int ringBytes) {
        return Math.max(2, ringBytes / MpmcRing.bytesPerSlot(messageBytes));
    }

    /** A queue of byte[] with the default codec, MPMC, of about {@code ringBytes}. */
    static SharedQueue<byte[]> objectQueue(int size, int ringBytes, int producers) {
        return objectQueue(false, false, size, ringBytes, producers);
    }

    /**
     * A queue of byte[] with the default codec, SPSC (with one thread per side, if
     * {@code oneThreadPerSide}) or MPMC, of about {@code ringBytes}.
     */
    static SharedQueue<byte[]> objectQueue(boolean spsc, boolean oneThreadPerSide, int size, int ringBytes, int producers) {
        SharedQueue.Builder b = SharedQueue.builder().maxMessageBytes(encodedBytes(size)).codec(codec());
        if (spsc) {
            b.capacity(spscCapacity(size, ringBytes)).producers(1).consumers(1);
            return (oneThreadPerSide ? b.oneThreadPerSide() : b).build();
        }
        return b.capacity(mpmcCapacity(encodedBytes(size), ringBytes)).producers(producers).build();
    }

    /** Writes {@code message} to {@code ring}, idling while it is full; fails if the consumer died. */
    static void offer(MessageRing ring, byte[] message, int size, PeerChildren children) {
        int attempt = 0;
        while (!ring.offer(message, 0, size)) {
            idleWhileFull(++attempt, children);
        }
    }

    /** Puts {@code message} into {@code queue}, idling while it is full; fails if the consumer died. */
    static void offer(SharedQueue<byte[]> queue, byte[] message, PeerChildren children) {
        int attempt = 0;
        while (!queue.offer(message)) {
            idleWhileFull(++attempt, children);
        }
    }

    /** Idles after the {@code attempt}-th failure, checking now and then that the other side still runs. */
    static void idleWhileFull(int attempt, PeerChildren children) {
        if ((attempt & 0xFFFF) == 0) {
            children.checkAlive();
        }
        Idle.idle(attempt);
    }

    /** Closes what a trial opened (any may be null), the control file last. */
    static void closeAll(AutoCloseable... resources) {
        RuntimeException failure = null;
        for (AutoCloseable r : resources) {
            try {
                if (r != null) {
                    r.close();
                }
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("could not close " + r, e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Child consumer of a raw ring: reads stamped messages in place in batches, checking each,
     * until STOP_AT; with {@code poll}, or with {@code controlledRead} if {@code controlled}.
     */
    static void consumeRaw(String controlPath, MessageRing ring, int size, boolean controlled) {
        ControlBlock control = new ControlBlock(MappedFile.open(controlPath).buffer());
        long[] counts = new long[2]; // received, errors
        MessageHandler check = (buffer, offset, length) -> {
            if (length != size || buffer.getLong(offset) != Messages.stamp(0, counts[0])) {
                counts[1]++;
            }
            counts[0]++;
        };
        ControlledMessageHandler checkControlled = (buffer, offset, length) -> {
            check.onMessage(buffer, offset, length);
            return ControlledMessageHandler.Action.CONTINUE;
        };
        control.increment(READY);
        int idle = 0;
        while (true) {
            int n = controlled ? ring.controlledRead(checkControlled, READ_LIMIT) : ring.poll(check, READ_LIMIT);
            if (n > 0) {
                idle = 0;
                continue;
            }
            long stopAt = control.get(STOP_AT);
            if (stopAt >= 0 && counts[0] >= stopAt) {
                break;
            }
            Idle.idle(++idle);
        }
        finish(control, counts[0], counts[1]);
    }

    /** Child consumer of a queue of byte[]: takes elements, checking each stamp, until STOP_AT. */
    static void consumeObjects(String controlPath, SharedQueue<byte[]> queue, int size) {
        ControlBlock control = new ControlBlock(MappedFile.open(controlPath).buffer());
        long received = 0;
        long errors = 0;
        control.increment(READY);
        int idle = 0;
        while (true) {
            byte[] m = queue.poll();
            if (m != null) {
                if (m.length != size || stampOf(m) != Messages.stamp(0, received)) {
                    errors++;
                }
                received++;
                idle = 0;
                continue;
            }
            long stopAt = control.get(STOP_AT);
            if (stopAt >= 0 && received >= stopAt) {
                break;
            }
            Idle.idle(++idle);
        }
        finish(control, received, errors);
    }

    /** Child producer {@code producer} of a queue of byte[]: puts stamped arrays until asked to stop; sent count in slot(producer). */
    static void produceObjects(String controlPath, SharedQueue<byte[]> queue, int size, int producer) {
        produce(controlPath, size, producer, queue::offer);
    }

    /** Child producer {@code producer} of a raw ring: writes stamped messages until asked to stop; sent count in slot(producer). */
    static void produceRaw(String controlPath, MessageRing ring, int size, int producer) {
        produce(controlPath, size, producer, m -> ring.offer(m, 0, size));
    }

    private static void produce(String controlPath, int size, int producer, Predicate<byte[]> offer) {
        ControlBlock control = new ControlBlock(MappedFile.open(controlPath).buffer());
        byte[] message = message(size);
        control.increment(READY);
        long sent = 0;
        int idle = 0;
        while (!control.stopRequested()) {
            stamp(message, producer, sent);
            if (offer.test(message)) {
                sent++;
                idle = 0;
            } else {
                Idle.idle(++idle);
            }
        }
        control.set(slot(producer), sent);
        control.increment(DONE);
    }

    /**
     * Child echo of the pipe round trip: returns every message to the sender. Spinning, it polls
     * without blocking; otherwise it blocks in {@code recvBytes} (spinning briefly, then asleep on
     * the futex). Ends when asked to stop or when the benchmark closes its end.
     */
    static void echo(String controlPath, Connection connection, boolean spinning) {
        ControlBlock control = new ControlBlock(MappedFile.open(controlPath).buffer());
        control.increment(READY);
        long echoed = 0;
        try {
            while (!control.stopRequested()) {
                if (spinning && !connection.poll(Duration.ZERO)) {
                    Thread.onSpinWait();
                    continue;
                }
                byte[] m = connection.recvBytes();
                connection.sendBytes(m, 0, m.length);
                echoed++;
            }
        } catch (EndOfStreamException benchmarkClosedItsEnd) {
            // the trial is over
        }
        finish(control, echoed, 0);
    }

    private static void finish(ControlBlock control, long received, long errors) {
        control.set(RECEIVED, received);
        control.set(ERRORS, errors);
        control.increment(DONE);
    }
}
