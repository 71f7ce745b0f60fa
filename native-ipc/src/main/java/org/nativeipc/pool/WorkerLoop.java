package org.nativeipc.pool;

import static org.nativeipc.pool.PoolProtocol.*;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.nativeipc.codec.SerializationAllowList;
import org.nativeipc.internal.memory.RegionClosedException;
import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.internal.wait.EventCount;
import org.nativeipc.process.CurrentProcess;
import org.nativeipc.process.ProcessTask;
import org.nativeipc.queue.EndOfStreamException;
import org.nativeipc.queue.SpscRing;

/**
 * The worker's side of the pool protocol ({@link PoolProtocol}): decode the parent's frames,
 * run tasks in the order received, write results.
 *
 * <p>Before a task runs, its {@code seq} is stored in the worker's control slot (a release
 * store), so the parent can tell, should this process die, which task it was in.
 *
 * <p>A task's result is written to the ring before the next task starts: the next one may kill
 * this process ({@code System.exit}, a crash), and no finished task's result may die with it.
 * (Batching results over several tasks would save ring writes, but a death would then take the
 * results of finished tasks along, failing tasks that had succeeded.) A map chunk's results
 * travel in as few messages as fit.
 */
final class WorkerLoop {
    /** Ring messages decoded per read. */
    private static final int MESSAGES_PER_READ = 16;

    /** A decoded task: what to run, or why it cannot run. */
    private record Job(byte kind, long seq, Object task, Function<Object, Object> function, Object[] items, Exception error) {
    }

    private static final Job SHUTDOWN_JOB = new Job(SHUTDOWN, 0, null, null, null, null);

    private final SharedRegion control;
    private final int startedOffset;
    private final SpscRing tasks;
    private final SpscRing results;
    private final EventCount doorbell;
    private final int maxTasks;
    private final int messageLimit;
    private final ArrayDeque<Job> jobs = new ArrayDeque<>();
    private final FrameReader reader = new FrameReader();
    private final FrameBuffer out = new FrameBuffer();
    private PoolValues.Encoder encoder;
    private PoolValues.Decoder decoder;
    private int allowVersion;
    private final LambdaRebuilder lambdas = new LambdaRebuilder();
    private final Map<Integer, Object> functions = new HashMap<>();
    private final Set<Long> cancelled = new HashSet<>();
    private int done;
    private int unflushedTasks;
    private long unflushedBusyNanos;

    WorkerLoop(SharedRegion control, int slot, SpscRing tasks, SpscRing results, int maxTasks, SerializationAllowList allowList,
               int allowVersion) {
        this.control = control;
        this.startedOffset = PoolLayout.slotField(slot, PoolLayout.STARTED_OFFSET);
        this.tasks = tasks;
        this.results = results;
        this.doorbell = new EventCount(control, PoolLayout.DOORBELL_OFFSET);
        this.maxTasks = maxTasks;
        this.messageLimit = results.maxMessageBytes() - STATS_FRAME_BYTES;
        useAllowList(allowList, allowVersion);
        control.setLongRelease(PoolLayout.slotField(slot, PoolLayout.PID_OFFSET), CurrentProcess.pid());
    }

    /**
     * Runs the initializer, then tasks until told to stop. Returns quietly when the pool is gone:
     * its rings were closed (the parent closed the pool, or its JVM is exiting).
     *
     * @param initializer the pool's initializer, or null
     * @param startedUp run once this worker has told the pool it is ready (or its initializer failed)
     */
    void run(ProcessTask initializer, Runnable startedUp) throws InterruptedException {
        try {
            serve(initializer, startedUp);
        } catch (EndOfStreamException | RegionClosedException poolGone) {
            // nothing more will come, and nobody is left to answer
        }
    }

    private void serve(ProcessTask initializer, Runnable startedUp) throws InterruptedException {
        if (initializer != null) {
            try {
                initializer.run();
            } catch (Throwable t) {
                int frame = out.beginFrame(INIT_FAILED);
                PoolValues.writeError(t, out);
                out.endFrame(frame);
                flush();
                return;
            }
        }
        int ready = out.beginFrame(READY);
        out.writeLong(CurrentProcess.pid());
        out.endFrame(ready);
        flush();
        startedUp.run();
        while (true) {
            Job job = jobs.poll();
            if (job == null) {
                flush(); // answers to cancelled tasks, if any
                if (tasks.poll(this::decode, MESSAGES_PER_READ, Long.MAX_VALUE, TimeUnit.NANOSECONDS) == 0) {
                    return; // the pool closed its rings: it is gone
                }
                continue;
            }
            if (job.kind() == SHUTDOWN) {
                flush();
                return;
            }
            if (!tasks.isEmpty()) {
                tasks.poll(this::decode, MESSAGES_PER_READ); // cancellations of what it holds come first
            }
            long start = System.nanoTime();
            if (!cancelled.isEmpty() && skipIfCancelled(job.seq())) {
                continue;
            }
            control.setLongRelease(startedOffset, job.seq());
            if (job.kind() == CALL) {
                runCall(job);
            } else {
                runChunk(job);
            }
            unflushedBusyNanos += System.nanoTime() - start;
            unflushedTasks++;
            if (maxTasks > 0 && ++done >= maxTasks) {
                out.endFrame(out.beginFrame(RETIRING));
                flush();
                return;
            }
            flush();
        }
    }

    // ---- running --------------------------------------------------------------------------------

    /**
     * If task {@code seq} was cancelled, answers it as such and returns true; forgets
     * cancellations of tasks before it (they came too late).
     */
    private boolean skipIfCancelled(long seq) {
        boolean skip = cancelled.remove(seq);
        cancelled.removeIf(s -> s < seq);
        if (skip) {
            int frame = out.beginFrame(RESULT);
            out.writeLong(seq);
            PoolValues.writeError(new CancellationException("cancelled before it started"), out);
            out.endFrame(frame);
        }
        return skip;
    }

    private void runCall(Job job) throws InterruptedException {
        int frame = out.beginFrame(RESULT);
        out.writeLong(job.seq());
        int valueAt = out.length();
        if (job.error() != null) {
            writeFailure(job.error(), valueAt);
        } else {
            try {
                writeValue(invoke(job.task()), valueAt, -1);
            } catch (Throwable t) {
                writeFailure(t, valueAt);
            }
        }
        if (out.length() > messageLimit) {
            if (out.length() - frame > messageLimit) {
                writeFailure(tooLarge("the task's result", out.length() - valueAt), valueAt);
            }
            if (out.length() > messageLimit) {
                byte[] tail = Arrays.copyOfRange(out.array(), frame, out.length());
                out.rewind(frame);
                flush();
                out.writeBytes(tail, 0, tail.length);
                frame = 0;
            }
        }
        out.endFrame(frame);
    }

    private void runChunk(Job job) throws InterruptedException {
        Object[] items = job.items();
        int from = 0;
        int part = beginPart(job.seq(), from);
        for (int i = 0; i < items.length; i++) {
            int valueAt = out.length();
            if (job.error() != null) {
                writeFailure(job.error(), valueAt);
            } else {
                try {
                    writeValue(job.function().apply(items[i]), valueAt, i);
                } catch (Throwable t) {
                    writeFailure(t, valueAt);
                }
            }
            items[i] = null;
            if (out.length() > messageLimit) {
                int valueBytes = out.length() - valueAt;
                if (valueBytes + FRAME_HEADER_BYTES + CHUNK_RESULT_HEADER_BYTES > messageLimit) {
                    writeFailure(tooLarge("the result for item " + i + " of the chunk", valueBytes), valueAt);
                }
                if (out.length() > messageLimit) {
                    byte[] value = Arrays.copyOfRange(out.array(), valueAt, out.length());
                    out.rewind(valueAt);
                    endPart(part, i - from, false);
                    flush();
                    from = i;
                    part = beginPart(job.seq(), from);
                    out.writeBytes(value, 0, value.length);
                }
            }
        }
        endPart(part, items.length - from, true);
    }

    private int beginPart(long seq, int from) {
        int frame = out.beginFrame(CHUNK_RESULT);
        out.writeLong(seq);
        out.writeInt(from);
        out.writeInt(0);
        out.writeByte(0);
        return frame;
    }

    private void endPart(int frame, int count, boolean last) {
        int body = frame + FRAME_HEADER_BYTES;
        out.putInt(body + Long.BYTES + Integer.BYTES, count);
        out.putByte(body + Long.BYTES + 2 * Integer.BYTES, last ? 1 : 0);
        out.endFrame(frame);
    }

    private static Object invoke(Object task) throws Exception {
        if (task instanceof Callable<?> callable) {
            return callable.call();
        }
        if (task instanceof Runnable runnable) {
            runnable.run();
            return null;
        }
        if (task instanceof ProcessTask processTask) {
            processTask.run();
            return null;
        }
        throw new IllegalArgumentException("a " + task.getClass().getName() + " is not a task: send a ProcessCallable,"
                + " a Serializable Callable or Runnable, or a ProcessTask");
    }

    /** Writes a result; if it cannot travel, an error naming why ({@code item}: index in its chunk, or −1). */
    private void writeValue(Object value, int at, int item) {
        try {
            encoder.write(value, out);
        } catch (IllegalArgumentException e) {
            out.rewind(at);
            String what = item < 0 ? "the task's result" : "the result for item " + item + " of the chunk";
            PoolValues.writeError(new IllegalArgumentException(Culprits.heldValue(value, what, e).replace("to a worker", "to the parent"),
                    e), out);
        }
    }

    /** From now on, values are written and read under {@code list} (version {@code version}). */
    private void useAllowList(SerializationAllowList list, int version) {
        encoder = new PoolValues.Encoder(list, version, messageLimit);
        decoder = new PoolValues.Decoder(list);
        allowVersion = version;
    }

    /**
     * Reads an {@code ALLOW} body: the parent's allow-list (its patterns). Should it not read,
     * the worker keeps its list: values of the new packages are then refused, each with a
     * message that names them.
     */
    private void readAllowList(int end) {
        int version = reader.readInt();
        if (version <= allowVersion) {
            return;
        }
        try {
            useAllowList(PoolProtocol.readAllowList(reader), version);
        } catch (RuntimeException e) {
            // keep the current list (see above)
        }
    }

    private void writeFailure(Throwable error, int at) {
        out.rewind(at);
        PoolValues.writeError(error, out);
    }

    private IllegalArgumentException tooLarge(String what, int bytes) {
        return new IllegalArgumentException(what + " takes " + bytes + " bytes, more than a pool message carries ("
                + messageLimit + "): return smaller results, or build the pool with maxMessageBytes(...) larger");
    }

    private void flush() throws InterruptedException {
        if (out.length() == 0 && unflushedTasks == 0) {
            return;
        }
        int frame = out.beginFrame(STATS);
        out.writeInt(unflushedTasks);
        out.writeLong(unflushedBusyNanos);
        out.endFrame(frame);
        results.put(out.array(), 0, out.length());
        doorbell.signalOne();
        out.clear();
        unflushedTasks = 0;
        unflushedBusyNanos = 0;
    }

    // ---- decoding the parent's frames -----------------------------------------------------------

    /** Decodes one task message (in place, in the ring) into jobs and definitions. */
    private void decode(ByteBuffer buffer, int offset, int length) {
        reader.reset(buffer, offset, length);
        while (reader.hasMore()) {
            byte kind = reader.readByte();
            int end = reader.readInt() + reader.position();
            long seq = 0;
            try {
                switch (kind) {
                    case CALL -> {
                        seq = reader.readLong();
                        jobs.add(new Job(CALL, seq, readTask(), null, null, null));
                    }
                    case CHUNK -> {
                        seq = reader.readLong();
                        jobs.add(readChunk(seq));
                    }
                    case DEFINE_LAMBDA -> lambdas.define(reader);
                    case DEFINE_FUNCTION -> {
                        int fid = reader.readInt();
                        Object function;
                        try {
                            function = readTask();
                        } catch (Exception e) {
                            function = e;
                        }
                        functions.put(fid, function);
                    }
                    case FORGET_FUNCTION -> functions.remove(reader.readInt());
                    case SHUTDOWN -> jobs.add(SHUTDOWN_JOB);
                    case CANCEL -> cancelled.add(reader.readLong());
                    case ALLOW -> readAllowList(end);
                    default -> throw new PoolProtocolException("corrupt pool message: unknown frame kind " + kind);
                }
            } catch (Exception e) {
                if (kind != CALL) {
                    throw new PoolProtocolException("cannot read a message from the pool: " + e, e);
                }
                jobs.add(new Job(CALL, seq, null, null, null, e));
            }
            reader.seek(end);
        }
    }

    /** A chunk's job; if its function or an item cannot be read, a job that fails every item with why. */
    private Job readChunk(long seq) {
        Object function = functions.get(reader.readInt());
        Object[] items = new Object[reader.readInt()];
        Exception error = null;
        try {
            for (int i = 0; i < items.length; i++) {
                items[i] = value(decoder.read(reader));
            }
        } catch (Exception e) {
            error = e;
        }
        if (error == null && function instanceof Exception e) {
            error = e;
        } else if (error == null && function == null) {
            error = new IllegalStateException("the parent sent a chunk of a map whose function this worker does not have");
        }
        @SuppressWarnings("unchecked")
        Function<Object, Object> f = error == null ? (Function<Object, Object>) function : null;
        return new Job(CHUNK, seq, null, f, items, error);
    }

    private Object readTask() throws Exception {
        byte form = reader.readByte();
        if (form == TASK_LAMBDA) {
            int shape = reader.readInt();
            Object[] captured = new Object[reader.readByte() & 0xFF];
            for (int i = 0; i < captured.length; i++) {
                captured[i] = value(decoder.read(reader));
            }
            return lambdas.rebuild(shape, captured);
        }
        return value(decoder.read(reader));
    }

    private static Object value(Object decoded) throws Exception {
        if (decoded instanceof PoolValues.Failure failure) {
            throw failure.error() instanceof Exception e ? e : new IllegalStateException(failure.error());
        }
        return decoded;
    }
}
