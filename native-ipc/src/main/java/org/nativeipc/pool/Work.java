package org.nativeipc.pool;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One unit the parent dispatches to a worker: a task ({@link Call}) or a chunk of a map
 * ({@link Chunk}). It keeps its encoded payload until its result arrives, so that a worker
 * that dies before starting it can be replaced by another that gets the same bytes.
 *
 * <p>{@link #seq} and {@link #owner} are set by the dispatcher (under the pool's lock) when the
 * unit is sent, and cleared when it is taken back from a dead worker.
 */
abstract class Work {
    final byte[] payload;
    final LambdaShapes.Shape shape;
    /** How much work this is, for balancing: 1 for a task, the item count for a chunk. */
    final int units;
    long seq;
    Worker owner;

    Work(byte[] payload, LambdaShapes.Shape shape, int units) {
        this.payload = payload;
        this.shape = shape;
        this.units = units;
    }

    /** True if nobody wants the result any more (cancelled): the dispatcher drops it. */
    abstract boolean abandoned();

    /** Fails this unit with {@code error} (a dead worker, a terminated or broken pool). */
    abstract void fail(Throwable error);

    /** What this is, for messages: "task #3 (a com.acme.Main$$Lambda...)", "items 100..199 of a map". */
    abstract String describe();

    /** A task submitted on its own: its future completes with the task's result. */
    static final class Call extends Work {
        final TaskFuture future;
        /** The user's task (returned by {@code shutdownNow}). */
        final Object task;

        Call(TaskEncoder.Encoded encoded, Object task, TaskFuture future) {
            super(encoded.payload(), encoded.shape(), 1);
            this.task = task;
            this.future = future;
            future.bind(this);
        }

        @Override
        boolean abandoned() {
            return future.isDone();
        }

        @Override
        void fail(Throwable error) {
            future.completeExceptionally(error);
        }

        /** Completes the future with what the worker sent: a value, or a {@link PoolValues.Failure}. */
        void deliver(Object valueOrFailure) {
            if (valueOrFailure instanceof PoolValues.Failure failure) {
                future.completeExceptionally(failure.error());
            } else {
                future.complete(valueOrFailure);
            }
        }

        @Override
        String describe() {
            return "task #" + seq + " (" + Culprits.describeTask(task) + ")";
        }
    }

    /** Items {@code start .. start+units-1} of a map run. */
    static final class Chunk extends Work {
        final MapRun run;
        final int index;
        final int start;
        /** Results as they arrive (parts of one chunk may come in several messages); collector thread only. */
        Object[] values;
        int received;
        private final AtomicBoolean finished = new AtomicBoolean();

        Chunk(MapRun run, int index, int start, int count, byte[] payload) {
            super(payload, null, count);
            this.run = run;
            this.index = index;
            this.start = start;
        }

        @Override
        boolean abandoned() {
            return run.abandoned();
        }

        /** True the first time only: a chunk's results are handed over once (a late result after a failure is dropped). */
        boolean finishOnce() {
            return finished.compareAndSet(false, true);
        }

        @Override
        void fail(Throwable error) {
            run.chunkFailed(this, error);
        }

        @Override
        String describe() {
            return units == 1 ? "item " + start + " of a map" : "items " + start + ".." + (start + units - 1) + " of a map";
        }
    }
}
