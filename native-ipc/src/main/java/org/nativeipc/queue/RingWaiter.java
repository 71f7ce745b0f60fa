package org.nativeipc.queue;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.nativeipc.internal.memory.RegionClosedException;
import org.nativeipc.internal.wait.YieldPhase;

/**
 * The blocking operations of a ring, written once over its non-blocking ones: wait for room or
 * data on the ring's {@link org.nativeipc.internal.wait.EventCount}s, and meanwhile do the slow
 * checks that crash safety and ending need.
 *
 * <p>A wait on a ring whose creator closed it ends: a writer's with the
 * {@link RegionClosedException} (an {@link IllegalStateException}), a reader's with an
 * {@link EndOfStreamException}.
 *
 * <p>The condition a waiter re-checks is cheap (is there room / data); every
 * {@link #MAINTENANCE_INTERVAL_NANOS}, or as soon as a producer changed state, it also resolves
 * claims that dead processes left in its way and notices that the producers have closed the ring.
 */
final class RingWaiter {
    /** How often a waiter looks for dead processes' claims and for producers that are gone. */
    static final long MAINTENANCE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /**
     * How long a blocked reader or writer keeps giving its CPU away ({@link Thread#yield()}) and
     * looking again before it counts itself as a sleeper on the ring's event count. While a
     * waiter is counted, every write (read) of the other side makes a futex wake call; a waiter
     * that counted itself after its short spin did so for almost every message when the two
     * sides ran at similar speeds or shared a CPU (measured: ~0.9 wake calls per message each
     * way, the queue ten times slower). Yielding costs the waiter only, and lets the other side
     * run when both share a CPU; a waiter whose wait lasts longer than this sleeps as before.
     */
    static final long YIELD_PHASE_NANOS = YieldPhase.NANOS;
    /**
     * Checks, each after a {@link Thread#onSpinWait()} (about 1-3 µs in all), that a blocked
     * reader or writer makes before its yield phase. While both sides run on CPUs of their own,
     * the message or the room a waiter needs usually comes within a few hundred nanoseconds: a
     * short spin finds it without the system call of {@link Thread#yield()} ({@code sched_yield},
     * about as long as a message's whole way through the ring). A waiter whose wait lasts longer
     * goes on to the yield phase; where both sides share one CPU, the spin costs the waiter at
     * most those few microseconds per wait.
     */
    static final int SPIN_CHECKS = 32;

    private final AbstractRing ring;
    private volatile long lastMaintenance;
    private volatile long seenProducerEpoch = -1;
    /** Set by {@link #maintenance} when it found the producers gone; readers then check again and end. */
    private volatile boolean endSeen;
    private volatile long seenConsumerEpoch = -1;
    private volatile boolean consumersGone;
    /** A reader's conditions, made once (a wait allocates nothing for them). */
    private final BooleanSupplier readableOrClosed;
    private final BooleanSupplier readableOrMaintenance;

    RingWaiter(AbstractRing ring) {
        this.ring = ring;
        this.readableOrClosed = () -> ring.readable() || ring.isClosed();
        this.readableOrMaintenance = () -> ring.readable() || ring.isClosed() || maintenance(true);
    }

    /**
     * Writes one record, waiting at most {@code timeoutNanos} ({@code Long.MAX_VALUE}: forever) for
     * room. With {@code needConsumer} (a pipe) it fails once every consumer closed or died.
     *
     * @return false if the time ran out
     * @throws EndOfStreamException if {@code needConsumer} and no consumer is left
     */
    boolean write(byte[] source, int offset, int length, int kind, long timeoutNanos, boolean needConsumer)
            throws InterruptedException {
        if (needConsumer) {
            checkConsumers();
        }
        if (ring.tryWrite(source, offset, length, kind)) {
            ring.notEmpty.signalOne();
            return true;
        }
        if (timeoutNanos <= 0) {
            return false;
        }
        for (int i = 0; i < SPIN_CHECKS; i++) {
            Thread.onSpinWait();
            if (ring.writable(length) && ring.tryWrite(source, offset, length, kind)) {
                ring.notEmpty.signalOne();
                return true;
            }
        }
        long start = System.nanoTime();
        long remaining = timeoutNanos;
        while (true) {
            boolean ready = yieldUntil(() -> ring.writable(length) || ring.isClosed(), remaining)
                    || ring.notFull.await(() -> ring.writable(length) || ring.isClosed() || maintenance(false)
                    || needConsumer && ring.participants.consumerEpoch() != seenConsumerEpoch, remaining(timeoutNanos, start));
            ring.checkOpen();
            if (needConsumer) {
                checkConsumers();
            }
            if (ring.tryWrite(source, offset, length, kind)) {
                ring.notEmpty.signalOne();
                return true;
            }
            if (!ready || (remaining = remaining(timeoutNanos, start)) <= 0) {
                return false;
            }
        }
    }

    /**
     * Reads one record, waiting at most {@code timeoutNanos}.
     *
     * @return the reader's value, or null if the time ran out, or if {@code endIsEmpty} and the
     *     producers are gone
     * @throws EndOfStreamException if the producers are gone and {@code endIsEmpty} is false
     */
    <T> T read(RecordReader<T> reader, long timeoutNanos, boolean endIsEmpty) throws InterruptedException {
        T value = readAndSignal(reader);
        if (value != null || timeoutNanos <= 0) {
            return value;
        }
        for (int i = 0; i < SPIN_CHECKS; i++) {
            Thread.onSpinWait();
            if (ring.readable() && (value = readAndSignal(reader)) != null) {
                return value;
            }
        }
        long start = System.nanoTime();
        long remaining = timeoutNanos;
        while (true) {
            boolean ready = awaitData(remaining);
            ring.checkOpen();
            value = readAndSignal(reader);
            if (value != null) {
                return value;
            }
            if (endSeen && ring.producersGone()) {
                value = readAndSignal(reader);
                if (value != null || endIsEmpty) {
                    return value;
                }
                throw new EndOfStreamException(ring.name() + " is empty and its producers have closed it: no more messages will come");
            }
            if (!ready || (remaining = remaining(timeoutNanos, start)) <= 0) {
                return null;
            }
        }
    }

    private <T> T readAndSignal(RecordReader<T> reader) {
        T value = ring.tryRead(reader);
        if (value != null) {
            ring.notFull.signalOne();
        }
        return value;
    }

    /** Hands records to {@code handler} once one is there, waiting at most {@code timeoutNanos} for the first. */
    int poll(MessageHandler handler, int limit, long timeoutNanos) throws InterruptedException {
        long start = System.nanoTime();
        while (true) {
            int n = ring.poll(handler, limit);
            long remaining = remaining(timeoutNanos, start);
            if (n > 0 || remaining <= 0 || endSeen && ring.producersGone()
                    || !awaitData(remaining)) {
                return n > 0 ? n : ring.poll(handler, limit);
            }
        }
    }

    /**
     * Waits at most {@code timeoutNanos} until a read would not block.
     *
     * @return true if a record is there or the producers are gone
     */
    boolean awaitReadable(long timeoutNanos) throws InterruptedException {
        if (ring.readable() || endSeen && ring.producersGone()) {
            return true;
        }
        if (timeoutNanos <= 0) {
            return maintenance(true) && (ring.readable() || ring.producersGone());
        }
        try {
            return awaitData(timeoutNanos) && (ring.readable() || ring.producersGone());
        } catch (EndOfStreamException closedByCreator) {
            return true; // a read would not block: it would end the stream
        }
    }

    /**
     * Waits until data may be there, this side was closed here, or a dead process's claim or the
     * producers' end needs a look.
     *
     * @throws EndOfStreamException if the ring's creator closed it: nothing more will arrive
     */
    private boolean awaitData(long timeoutNanos) throws InterruptedException {
        long start = System.nanoTime();
        if (yieldUntil(readableOrClosed, timeoutNanos)) {
            return true;
        }
        try {
            return ring.notEmpty.await(readableOrMaintenance, remaining(timeoutNanos, start));
        } catch (RegionClosedException e) {
            throw new EndOfStreamException(ring.name() + " is empty and was closed: " + e.getMessage());
        }
    }

    /**
     * The waiters' slow path, at most every {@link #MAINTENANCE_INTERVAL_NANOS} or when a producer
     * changed state: resolve dead processes' claims; for readers, notice that the producers are
     * gone; for writers, notice dead consumers (a pipe then fails its sends).
     *
     * @return true if the caller should look again (a claim was resolved, or the stream ended)
     */
    boolean maintenance(boolean reading) {
        long now = System.nanoTime();
        long epoch = reading ? ring.participants.producerEpoch() : seenProducerEpoch;
        if (now - lastMaintenance < MAINTENANCE_INTERVAL_NANOS && epoch == seenProducerEpoch) {
            return false;
        }
        lastMaintenance = now;
        seenProducerEpoch = epoch;
        if (ring.recoverFromDeadProcesses(reading)) {
            return true;
        }
        if (!reading) {
            ring.participants.consumersGone();
            return false;
        }
        boolean end = ring.producersGone();
        endSeen = end;
        return end;
    }

    private void checkConsumers() {
        long epoch = ring.participants.consumerEpoch();
        if (epoch != seenConsumerEpoch) {
            consumersGone = ring.participants.consumersGone();
            seenConsumerEpoch = epoch;
        }
        if (consumersGone) {
            throw new EndOfStreamException(ring.name() + ": the reading end was closed or its process died (broken pipe)");
        }
    }

    /**
     * The yield phase of a wait (see {@link #YIELD_PHASE_NANOS}): gives the CPU away and checks
     * {@code ready} again, for at most {@code YIELD_PHASE_NANOS} (or {@code timeoutNanos}, if less).
     *
     * @return true once {@code ready} holds, false if the phase ended first
     */
    static boolean yieldUntil(BooleanSupplier ready, long timeoutNanos) {
        return YieldPhase.until(ready, Math.min(timeoutNanos, YIELD_PHASE_NANOS));
    }

    private static long remaining(long timeoutNanos, long start) {
        return timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : timeoutNanos - (System.nanoTime() - start);
    }
}
