package org.nativeipc.pool;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.nativeipc.internal.wait.YieldPhase;

/**
 * An {@code imap} or {@code imapUnordered}: an iterator over results that reads its input
 * lazily. Chunks are cut from the input and sent only while fewer than
 * {@link #maxOutstanding} chunks are sent and not yet consumed, so the input may be endless
 * and memory stays bounded; the input is read in the consuming thread, in {@link #hasNext()}.
 * In order ({@code imap}) a chunk is handed out when all before it have been; otherwise as it
 * arrives. An item whose task failed makes {@link #next()} throw that exception (wrapped in a
 * {@link CompletionException} if it is checked); iteration may go on after it.
 */
final class StreamRun extends MapRun implements Iterator<Object> {
    /** Items sent and not yet consumed, at most (the bound on an iterator's memory), in chunks of the given size. */
    static final int MAX_OUTSTANDING_ITEMS = 1024;

    private final ChunkSource source;
    private final boolean ordered;
    private final int maxOutstanding;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final Map<Integer, Object[]> byIndex = new HashMap<>();
    private final ArrayDeque<Object[]> byArrival = new ArrayDeque<>();
    private int submitted;
    /** Written under the lock; read without it by a consumer yielding for the next result. */
    private volatile int arrivedCount;
    private boolean sourceDone;
    private boolean finished;
    private int consumed;
    private Object[] current;
    private int position;

    StreamRun(PoolCore core, TaskEncoder.Encoded function, Iterator<?> items, int chunkSize, boolean ordered, int processes) {
        super(core, function);
        this.source = new ChunkSource(items, chunkSize, core.payloadLimit());
        this.ordered = ordered;
        this.maxOutstanding = Math.max(2 * processes, MAX_OUTSTANDING_ITEMS / chunkSize);
    }

    @Override
    boolean abandoned() {
        return false;
    }

    @Override
    void chunkDone(Work.Chunk chunk, Object[] values) {
        boolean nowFinished;
        lock.lock();
        try {
            if (ordered) {
                byIndex.put(chunk.index, values);
            } else {
                byArrival.add(values);
            }
            arrivedCount++;
            nowFinished = checkFinished();
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
        if (nowFinished) {
            core.runFinished(this);
        }
    }

    /** Under the lock: true once, when the input is exhausted and every chunk has arrived. */
    private boolean checkFinished() {
        if (!finished && sourceDone && arrivedCount == submitted) {
            finished = true;
            return true;
        }
        return false;
    }

    /**
     * Waits for the next result if need be (and reads more input to send meanwhile): yielding
     * the CPU for a while ({@link YieldPhase}), then asleep until the result thread hands over a chunk.
     */
    @Override
    public boolean hasNext() {
        boolean yielded = false;
        while (true) {
            if (current != null && position < current.length) {
                return true;
            }
            current = null;
            feed();
            int seen;
            lock.lock();
            try {
                Object[] next = ordered ? byIndex.remove(consumed) : byArrival.poll();
                if (next != null) {
                    consumed++;
                    current = next;
                    position = 0;
                    yielded = false;
                    continue;
                }
                if (sourceDone && consumed == submitted) {
                    return false;
                }
                if (submitted - consumed < maxOutstanding && !sourceDone) {
                    continue; // room to send more: feed again
                }
                if (yielded) {
                    arrived.awaitUninterruptibly();
                    yielded = false;
                    continue;
                }
                seen = arrivedCount;
            } finally {
                lock.unlock();
            }
            yielded = !YieldPhase.until(() -> arrivedCount != seen, YieldPhase.NANOS);
        }
    }

    @Override
    public Object next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more results: every item of the input has been mapped");
        }
        Object value = current[position];
        current[position++] = null;
        if (value instanceof PoolValues.Failure failure) {
            Throwable error = failure.error();
            if (error instanceof RuntimeException r) {
                throw r;
            }
            if (error instanceof Error e) {
                throw e;
            }
            throw new CompletionException(error);
        }
        return value;
    }

    /** Cuts and sends chunks while fewer than {@link #maxOutstanding} are unconsumed (consuming thread only). */
    private void feed() {
        while (true) {
            lock.lock();
            try {
                if (sourceDone || submitted - consumed >= maxOutstanding) {
                    return;
                }
            } finally {
                lock.unlock();
            }
            if (!source.hasNext()) {
                boolean nowFinished;
                lock.lock();
                try {
                    sourceDone = true;
                    nowFinished = checkFinished();
                } finally {
                    lock.unlock();
                }
                if (nowFinished) {
                    core.runFinished(this);
                }
                return;
            }
            Work.Chunk chunk = source.next();
            adjustSubmitted(1);
            try {
                core.submit(chunk);
            } catch (RuntimeException e) {
                adjustSubmitted(-1);
                throw e;
            }
        }
    }

    private void adjustSubmitted(int delta) {
        lock.lock();
        try {
            submitted += delta;
        } finally {
            lock.unlock();
        }
    }
}
