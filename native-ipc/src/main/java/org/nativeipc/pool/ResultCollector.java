package org.nativeipc.pool;

import static org.nativeipc.pool.PoolProtocol.*;

import org.nativeipc.internal.wait.YieldPhase;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The pool's result thread (Python's result handler): reads every worker's result ring, hands
 * results to their futures and map runs, and notices workers that ended.
 * When there is nothing to read it yields its CPU for a while ({@link YieldPhase}), looking again,
 * then sleeps on the pool's doorbell, which workers ring after writing (only while it sleeps does
 * a worker's ring cost a system call). The pool also rings the doorbell when a worker process
 * has ended ({@code ChildProcess.onExit()}), so an exit or a death is handled at once; the
 * {@code EventCount} slice (20 ms), after which it looks again anyway, is the backstop.
 *
 * <p>Futures complete on this thread: a dependent action of a pool future runs here, and must
 * not wait for another pool result (it would wait for itself).
 */
final class ResultCollector implements Runnable {
    private static final System.Logger LOG = System.getLogger(ResultCollector.class.getPackageName());
    /** Ring messages read per worker per round (one per task mostly), so one busy worker cannot starve the others. */
    private static final int MESSAGES_PER_ROUND = 256;

    private final PoolCore core;
    private final FrameReader reader = new FrameReader();
    /** Pairs of (unit, value) answered in the current read, delivered after the pool's bookkeeping. */
    private final List<Object> answered = new ArrayList<>();
    private Worker current;
    private PoolValues.Decoder decoder;
    private int units;
    private int statTasks;
    private long statBusyNanos;
    private boolean ready;
    private Throwable initFailure;
    private long seenKicks = -1;

    ResultCollector(PoolCore core) {
        this.core = core;
    }

    @Override
    public void run() {
        try {
            while (!core.finishIfDone()) {
                seenKicks = core.kicks();
                boolean progress = false;
                for (Worker w : core.active()) {
                    progress |= read(w, MESSAGES_PER_ROUND) > 0;
                }
                for (Worker w : core.active()) {
                    if (!w.process.isAlive()) {
                        while (read(w, Integer.MAX_VALUE) > 0) {
                            // drain what it wrote before it ended
                        }
                        core.exited(w, w.announcedRetiring);
                        progress = true;
                    }
                }
                long wait = core.enforceTermination();
                if (!progress && !YieldPhase.until(this::somethingToDo, YieldPhase.NANOS)) {
                    core.doorbell.awaitUninterruptibly(this::somethingToDo, wait);
                }
            }
        } catch (Throwable t) {
            if (jvmExiting() || core.control.isClosed()) {
                // This JVM's exit hook closed the pool's regions under it: nothing is left to collect.
                core.terminated.complete(null);
                return;
            }
            LOG.log(System.Logger.Level.ERROR, "the result thread of pool " + core.config.name() + " failed; terminating the pool", t);
            core.terminate();
            core.terminated.completeExceptionally(t);
        }
    }

    /** True once this JVM has begun to exit (shutdown hooks may no longer be added then). */
    private static boolean jvmExiting() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException shutdownInProgress) {
            return true;
        }
    }

    private boolean somethingToDo() {
        if (core.kicks() != seenKicks) {
            return true;
        }
        for (Worker w : core.active()) {
            if (!w.results.isEmpty() || !w.process.isAlive()) {
                return true;
            }
        }
        return false;
    }

    /** Reads up to {@code messages} result messages of {@code w}; returns how many. */
    private int read(Worker w, int messages) {
        current = w;
        decoder = core.encoder.allowed().decoder();
        units = 0;
        statTasks = 0;
        statBusyNanos = 0;
        ready = false;
        initFailure = null;
        int n;
        try {
            n = w.results.poll(this::onMessage, messages);
        } catch (PoolProtocolException corrupt) {
            LOG.log(System.Logger.Level.ERROR, "pool " + core.config.name() + ": unreadable results from worker " + w.name
                    + "; killing it (its tasks are failed or sent to others)", corrupt);
            w.process.kill();
            n = answered.isEmpty() ? 0 : 1;
        }
        if (n > 0) {
            core.answered(w, units, statTasks, statBusyNanos, ready, initFailure);
            deliver();
        }
        return n;
    }

    private void deliver() {
        for (int i = 0; i < answered.size(); i += 2) {
            Object unit = answered.get(i);
            if (unit instanceof Work.Call call) {
                call.deliver(answered.get(i + 1));
            } else {
                Work.Chunk chunk = (Work.Chunk) unit;
                chunk.run.finish(chunk, chunk.values);
            }
        }
        answered.clear();
    }

    private void onMessage(ByteBuffer buffer, int offset, int length) {
        reader.reset(buffer, offset, length);
        while (reader.hasMore()) {
            byte kind = reader.readByte();
            int end = reader.readInt() + reader.position();
            switch (kind) {
                case RESULT -> {
                    Work work = expect(reader.readLong());
                    current.inFlight.pollFirst();
                    units += work.units;
                    answered.add(work);
                    answered.add(decoder.read(reader));
                }
                case CHUNK_RESULT -> readChunkPart();
                case STATS -> {
                    statTasks += reader.readInt();
                    statBusyNanos += reader.readLong();
                }
                case READY -> ready = true;
                case INIT_FAILED -> {
                    Object error = decoder.read(reader);
                    initFailure = error instanceof PoolValues.Failure f ? f.error() : new IllegalStateException(String.valueOf(error));
                }
                case RETIRING -> current.announcedRetiring = true;
                default -> throw new PoolProtocolException("unknown frame kind " + kind);
            }
            reader.seek(end);
        }
    }

    private void readChunkPart() {
        Work work = expect(reader.readLong());
        if (!(work instanceof Work.Chunk chunk)) {
            throw new PoolProtocolException("chunk results for " + work.describe() + ", which is no chunk");
        }
        int from = reader.readInt();
        int count = reader.readInt();
        boolean last = reader.readByte() != 0;
        if (from < 0 || count < 0 || from + count > chunk.units) {
            throw new PoolProtocolException("chunk results " + from + "+" + count + " outside " + chunk.describe());
        }
        if (chunk.values == null) {
            chunk.values = new Object[chunk.units];
        }
        for (int i = 0; i < count; i++) {
            chunk.values[from + i] = decoder.read(reader);
        }
        if (last) {
            current.inFlight.pollFirst();
            units += chunk.units;
            answered.add(chunk);
            answered.add(null);
        }
    }

    /** The unit at the head of the current worker's in-flight list, checked to be {@code seq}. */
    private Work expect(long seq) {
        Work work = current.inFlight.peekFirst();
        if (work == null || work.seq != seq) {
            throw new PoolProtocolException("worker " + current.name + " answered task #" + seq + " but the parent expected "
                    + (work == null ? "none" : "#" + work.seq));
        }
        return work;
    }
}
