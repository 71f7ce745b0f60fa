package org.nativeipc.bench.peers;

import static org.nativeipc.bench.support.ControlBlock.*;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.nativeipc.bench.support.ControlBlock;
import org.nativeipc.bench.support.Idle;
import org.nativeipc.bench.support.MappedFile;
import org.nativeipc.bench.support.Messages;

/**
 * Agrona ring buffers in one mapped file shared by two or more JVMs, and the code of the child
 * sides (consumer, producer, echo). Layout of the file:
 *
 * <pre>
 *   0                      control block (see ControlBlock), padded to RING_OFFSET
 *   RING_OFFSET            ring 0: ringBytes of data + Agrona's trailer
 *   RING_OFFSET + stride   ring 1 (ping-pong only)
 * </pre>
 */
public final class AgronaRings {
    /** Message type id of every benchmark record (Agrona reserves values below 1). */
    static final int MSG_TYPE = 1;
    /** Ring data bytes of every Agrona row (a power of two; state it with every figure). */
    public static final String RING_BYTES = "1048576";
    private static final int RING_OFFSET = 4096;
    /** Records handled per read call. */
    private static final int READ_LIMIT = 256;

    private AgronaRings() {
    }

    static int fileBytes(int ringBytes, int rings) {
        return RING_OFFSET + rings * stride(ringBytes);
    }

    private static int stride(int ringBytes) {
        return ringBytes + RingBufferDescriptor.TRAILER_LENGTH;
    }

    static UnsafeBuffer ringBuffer(MappedFile file, int ringBytes, int index) {
        return new UnsafeBuffer(file.slice(RING_OFFSET + index * stride(ringBytes), stride(ringBytes)));
    }

    static ControlBlock control(MappedFile file) {
        return new ControlBlock(file.slice(0, RING_OFFSET));
    }

    /**
     * Child side of 1→1: reads {@code size}-byte messages from ring 0 (one-to-one or
     * many-to-one layout: both read alike) with {@code read}, or {@code controlledRead} if
     * {@code controlled}, checks every stamp, and when the benchmark asks to stop, drains up to
     * STOP_AT messages and publishes RECEIVED and ERRORS.
     */
    static void consume(String path, int ringBytes, int size, boolean controlled) {
        MappedFile file = MappedFile.open(path);
        ControlBlock control = control(file);
        RingBuffer ring = new OneToOneRingBuffer(ringBuffer(file, ringBytes, 0));
        long[] counts = new long[2]; // received, errors
        MessageHandler check = (type, buffer, index, length) -> {
            if (length != size || buffer.getLong(index) != Messages.stamp(0, counts[0])) {
                counts[1]++;
            }
            counts[0]++;
        };
        ControlledMessageHandler checkControlled = (type, buffer, index, length) -> {
            check.onMessage(type, buffer, index, length);
            return ControlledMessageHandler.Action.CONTINUE;
        };
        control.increment(READY);
        int idle = 0;
        while (true) {
            int n = controlled ? ring.controlledRead(checkControlled, READ_LIMIT) : ring.read(check, READ_LIMIT);
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
        control.set(RECEIVED, counts[0]);
        control.set(ERRORS, counts[1]);
        control.increment(DONE);
    }

    /**
     * Child side of 2→1: producer {@code producer} writes stamped {@code size}-byte messages to
     * the many-to-one ring 0 until the benchmark asks to stop, then publishes how many it sent
     * in {@code slot(producer)}.
     */
    static void produce(String path, int ringBytes, int size, int producer) {
        MappedFile file = MappedFile.open(path);
        ControlBlock control = control(file);
        RingBuffer ring = new ManyToOneRingBuffer(ringBuffer(file, ringBytes, 0));
        UnsafeBuffer message = new UnsafeBuffer(new byte[size]);
        control.increment(READY);
        long sent = 0;
        int idle = 0;
        while (!control.stopRequested()) {
            message.putLong(0, Messages.stamp(producer, sent));
            if (ring.write(MSG_TYPE, message, 0, size)) {
                sent++;
                idle = 0;
            } else {
                Idle.idle(++idle);
            }
        }
        control.set(slot(producer), sent);
        control.increment(DONE);
    }

    /** Child side of ping-pong: spins, echoing every message of ring 0 back on ring 1 until stopped. */
    static void echo(String path, int ringBytes) {
        MappedFile file = MappedFile.open(path);
        ControlBlock control = control(file);
        RingBuffer ping = new OneToOneRingBuffer(ringBuffer(file, ringBytes, 0));
        RingBuffer pong = new OneToOneRingBuffer(ringBuffer(file, ringBytes, 1));
        control.increment(READY);
        long[] echoed = new long[1];
        while (!control.stopRequested()) {
            // Pure spinning, as a latency-tuned Agrona deployment does (the "spinning" row).
            if (ping.read((type, buffer, index, length) -> {
                while (!pong.write(MSG_TYPE, buffer, index, length)) {
                    Thread.onSpinWait();
                }
                echoed[0]++;
            }, READ_LIMIT) == 0) {
                Thread.onSpinWait();
            }
        }
        control.set(RECEIVED, echoed[0]);
        control.increment(DONE);
    }

    /** Fills {@code message} with a recognizable pattern after the stamp. */
    static void fill(MutableDirectBuffer message, int size) {
        for (int i = Messages.MIN_BYTES; i < size; i++) {
            message.putByte(i, (byte) i);
        }
    }
}
