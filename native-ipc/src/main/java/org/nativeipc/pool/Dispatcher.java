package org.nativeipc.pool;

import static org.nativeipc.pool.PoolProtocol.*;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Decides which worker gets which unit of work, and writes the task messages. Runs under the
 * pool's lock (every method), from the submitting threads and the result collector.
 *
 * <p><b>Balancing.</b> Units wait here, in the parent, in submission order. Each worker may hold
 * a <em>window</em> of units sent and not yet answered: as many as it is expected to finish in
 * {@link #QUEUED_WORK_TARGET_NANOS}, from the run times workers report (an average per unit,
 * weighted to recent messages); at least one unit. The next unit goes to the worker with the
 * fewest outstanding units that has room, and that has not gone {@link #STALL_NANOS} without
 * answering. Short tasks thus travel hundreds to a message and keep every worker busy, while long
 * ones go one at a time to whichever worker is free — as from Python's shared task queue, but the
 * parent knows at every moment which task is where. (Units already sent to a worker stay there:
 * a short task can still wait behind a long one that was sent first, while the estimate was low.)
 *
 * <p><b>Double buffering of chunks.</b> A map chunk that does not fit in the window beside
 * another (thousands of short items, or one item of a millisecond) would go to a worker only once
 * it is idle, and the worker would then wait, between chunks, for its results to reach the parent
 * and the next chunk to arrive (with Python's default chunk size, a third of the time of trivial
 * items). So a worker that holds a single unit, and is not late with it, is also sent the next
 * chunk, if that one is expected to run at most {@link #PREFETCH_MAX_NANOS}: longer chunks still
 * go one at a time to whichever worker is free, and a chunk waits behind another at most that
 * long. Tasks ({@code apply}, {@code submit}) never wait behind one another beyond the window.
 */
final class Dispatcher {
    /** Work each worker may have queued, in expected run time. */
    static final long QUEUED_WORK_TARGET_NANOS = TimeUnit.MICROSECONDS.toNanos(500);
    static final long MAX_WINDOW_UNITS = 1 << 20;
    /**
     * A worker that holds work and has answered nothing for this long is busy with something
     * longer than expected: it is sent no more until it answers, so that short tasks do not queue
     * behind a long one while another worker could take them.
     */
    static final long STALL_NANOS = 2 * QUEUED_WORK_TARGET_NANOS;
    /** Units waiting, at least, before a newly submitted one is sent to a worker that is busy. */
    static final int SUBMIT_BATCH_UNITS = 64;
    /** Longest expected run time of a chunk sent to a worker still busy with another (double buffering). */
    static final long PREFETCH_MAX_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final int EWMA_SHIFT = 3;

    private final ArrayDeque<Work> pending = new ArrayDeque<>();
    /** Units in {@link #pending} (a chunk counts its items). */
    private long pendingUnits;
    private final FrameBuffer message = new FrameBuffer();
    private final List<Work> batch = new ArrayList<>();
    private final List<Integer> newLambdas = new ArrayList<>();
    private final List<Integer> newFunctions = new ArrayList<>();
    private final int maxTasksPerChild;
    private final TaskEncoder encoder;
    private long meanUnitNanos = -1;
    private long window = 1;

    Dispatcher(int maxTasksPerChild, TaskEncoder encoder) {
        this.maxTasksPerChild = maxTasksPerChild;
        this.encoder = encoder;
    }

    void add(Work work) {
        pending.addLast(work);
        pendingUnits += work.units;
    }

    /** Puts units taken back from a dead worker before the others (they were submitted earlier). */
    void addFirst(List<Work> works) {
        for (int i = works.size() - 1; i >= 0; i--) {
            Work w = works.get(i);
            w.seq = 0;
            w.owner = null;
            pending.addFirst(w);
            pendingUnits += w.units;
        }
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** Removes the first waiting unit. */
    private void takeHead() {
        pendingUnits -= pending.pollFirst().units;
    }

    int size() {
        return pending.size();
    }

    /** Takes every waiting unit out (the pool is terminating). */
    List<Work> drain() {
        List<Work> all = new ArrayList<>(pending);
        pending.clear();
        pendingUnits = 0;
        return all;
    }

    /** A worker reported that {@code units} took {@code busyNanos}: updates the window. */
    void recordStats(int units, long busyNanos) {
        if (units <= 0) {
            return;
        }
        long sample = busyNanos / units;
        meanUnitNanos = meanUnitNanos < 0 ? sample : meanUnitNanos + ((sample - meanUnitNanos) >> EWMA_SHIFT);
        window = Math.max(1, Math.min(MAX_WINDOW_UNITS, QUEUED_WORK_TARGET_NANOS / Math.max(1, meanUnitNanos)));
    }

    long window() {
        return window;
    }

    /**
     * Sends waiting units to workers with room, as long as there are both. When called for a
     * unit just submitted ({@code submitting}), only idle workers are sent fewer than
     * {@link #SUBMIT_BATCH_UNITS} units: a busy worker gets the units that pile up meanwhile all
     * at once, in one message, when it answers (or once that many are waiting), rather than one
     * message per submitted task.
     *
     * @param rejected receives units too large for any message (to fail once the lock is released)
     */
    void dispatch(Worker[] workers, List<Work> rejected, boolean submitting) {
        // One instant for the whole call: a worker sent work in this call is never "late" in it,
        // however long this thread is descheduled between two sends.
        long now = System.nanoTime();
        while (!pending.isEmpty()) {
            Work head = pending.peekFirst();
            if (head.abandoned()) {
                takeHead();
                continue;
            }
            boolean idleOnly = submitting && pendingUnits < SUBMIT_BATCH_UNITS;
            Worker target = null;
            for (Worker w : workers) {
                if ((!idleOnly || w.outstandingUnits == 0) && w.accepts(head.units, window, now, STALL_NANOS)
                        && (target == null || w.outstandingUnits < target.outstandingUnits)) {
                    target = w;
                }
            }
            boolean extra = false;
            if (target == null && !idleOnly) {
                target = prefetchTarget(workers, head, now);
                extra = target != null;
            }
            if (target == null || !sendBatch(target, rejected, extra, now)) {
                return;
            }
        }
    }

    /**
     * The worker to send {@code head} to beyond its window (see the class comment), or null: one
     * that holds a single unit and has answered within twice its expected time (at
     * least {@link #STALL_NANOS}), if {@code head} is a chunk expected to run at most
     * {@link #PREFETCH_MAX_NANOS}.
     */
    private Worker prefetchTarget(Worker[] workers, Work head, long now) {
        if (!(head instanceof Work.Chunk) || meanUnitNanos < 0) {
            return null;
        }
        long unitNanos = Math.max(1, meanUnitNanos);
        long mostUnits = PREFETCH_MAX_NANOS / unitNanos;
        if (head.units > mostUnits) {
            return null;
        }
        Worker target = null;
        for (Worker w : workers) {
            long due = Math.max(STALL_NANOS, 2 * Math.min(w.outstandingUnits, mostUnits) * unitNanos);
            if (w.canTakeWork() && w.holdsOneUnit() && now - w.progressAt < due
                    && (target == null || w.outstandingUnits < target.outstandingUnits)) {
                target = w;
            }
        }
        return target;
    }

    /** Asks {@code w} to exit once it has answered what it holds; false if its ring is full now. */
    boolean sendShutdown(Worker w) {
        message.clear();
        appendForgets(w);
        message.endFrame(message.beginFrame(SHUTDOWN));
        if (!w.tasks.offer(message.array(), 0, message.length())) {
            return false;
        }
        w.toForget.clear();
        w.shutdownSent = true;
        return true;
    }

    /** Tells {@code w} to skip unit {@code seq} (sent, not started); best effort: a full ring skips the telling. */
    void sendCancel(Worker w, long seq) {
        message.clear();
        int frame = message.beginFrame(CANCEL);
        message.writeLong(seq);
        message.endFrame(frame);
        w.tasks.offer(message.array(), 0, message.length());
    }

    /**
     * One message of units for {@code w}, as many as its window and the message take, or with
     * {@code extra} one chunk beyond its window (see {@link #prefetchTarget}), at {@code now}; false
     * if none was sent.
     */
    private boolean sendBatch(Worker w, List<Work> rejected, boolean extra, long now) {
        message.clear();
        batch.clear();
        newLambdas.clear();
        newFunctions.clear();
        appendForgets(w);
        TaskEncoder.Allowed allowed = encoder.allowed();
        if (w.allowVersion < allowed.version()) {
            message.writeBytes(allowed.frame(), 0, allowed.frame().length);
        }
        int limit = w.tasks.maxMessageBytes();
        long seq = w.lastSeq;
        int units = 0;
        boolean retiring = false;
        Work head;
        while ((head = pending.peekFirst()) != null) {
            if (head.abandoned()) {
                takeHead();
                continue;
            }
            if (extra ? !batch.isEmpty() || !(head instanceof Work.Chunk)
                    : (!batch.isEmpty() || w.outstandingUnits > 0) && w.outstandingUnits + units + (long) head.units > window) {
                break;
            }
            int mark = message.length();
            int lambdaMark = newLambdas.size();
            int functionMark = newFunctions.size();
            appendDefinitions(w, head);
            int frame = message.beginFrame(head instanceof Work.Chunk ? CHUNK : CALL);
            message.writeLong(seq + 1);
            message.writeBytes(head.payload, 0, head.payload.length);
            message.endFrame(frame);
            if (message.length() > limit) {
                message.rewind(mark);
                unmark(w, lambdaMark, functionMark);
                if (!batch.isEmpty()) {
                    break;
                }
                takeHead();
                rejected.add(head);
                continue;
            }
            takeHead();
            batch.add(head);
            head.seq = ++seq;
            head.owner = w;
            units += head.units;
            if (maxTasksPerChild > 0 && w.sent + batch.size() >= maxTasksPerChild) {
                retiring = true;
                break;
            }
        }
        if (batch.isEmpty()) {
            return false;
        }
        w.inFlight.addAll(batch);
        if (!w.tasks.offer(message.array(), 0, message.length())) {
            for (int i = 0; i < batch.size(); i++) {
                w.inFlight.pollLast();
            }
            addFirst(batch);
            unmark(w, 0, 0);
            w.ringFull = true;
            return false;
        }
        w.lastSeq = seq;
        w.allowVersion = Math.max(w.allowVersion, allowed.version());
        if (w.outstandingUnits == 0) {
            w.progressAt = now;
        }
        w.outstandingUnits += units;
        w.sent += batch.size();
        w.retiring |= retiring;
        w.toForget.clear();
        return true;
    }

    private void appendForgets(Worker w) {
        for (int fid : w.toForget) {
            int frame = message.beginFrame(FORGET_FUNCTION);
            message.writeInt(fid);
            message.endFrame(frame);
        }
    }

    /** Defines what {@code work} needs that {@code w} does not have yet: its lambda shape, its map's function. */
    private void appendDefinitions(Worker w, Work work) {
        defineLambda(w, work.shape);
        if (work instanceof Work.Chunk chunk && !w.functions.contains(chunk.run.fid)) {
            MapRun run = chunk.run;
            defineLambda(w, run.function.shape());
            int frame = message.beginFrame(DEFINE_FUNCTION);
            message.writeInt(run.fid);
            message.writeBytes(run.function.payload(), 0, run.function.payload().length);
            message.endFrame(frame);
            w.functions.add(run.fid);
            newFunctions.add(run.fid);
        }
    }

    private void defineLambda(Worker w, LambdaShapes.Shape shape) {
        if (shape != null && !w.lambdas.get(shape.id())) {
            message.writeBytes(shape.definitionFrame(), 0, shape.definitionFrame().length);
            w.lambdas.set(shape.id());
            newLambdas.add(shape.id());
        }
    }

    /** Forgets the definitions recorded since the marks (their message was not sent). */
    private void unmark(Worker w, int lambdaMark, int functionMark) {
        for (int i = newLambdas.size() - 1; i >= lambdaMark; i--) {
            w.lambdas.clear(newLambdas.remove(i));
        }
        for (int i = newFunctions.size() - 1; i >= functionMark; i--) {
            w.functions.remove(newFunctions.remove(i));
        }
    }
}
