package org.nativeipc.pool;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@code map} or {@code mapAsync}: every chunk's results go to their place in one array, and
 * the future completes with it as a list once all have arrived — or fails with the first
 * exception an item raised (as Python's {@code map} does), or the {@link WorkerDiedException}
 * of a chunk whose worker died in it.
 */
final class ListRun extends MapRun {
    private final Object[] results;
    private final AtomicInteger remaining;
    final CompletableFuture<List<Object>> future = new CompletableFuture<>();

    ListRun(PoolCore core, TaskEncoder.Encoded function, int size) {
        super(core, function);
        this.results = new Object[size];
        this.remaining = new AtomicInteger(size);
    }

    @Override
    boolean abandoned() {
        return future.isDone();
    }

    @Override
    void chunkDone(Work.Chunk chunk, Object[] values) {
        if (future.isDone()) {
            return;
        }
        for (Object v : values) {
            if (v instanceof PoolValues.Failure failure) {
                core.runFinished(this);
                future.completeExceptionally(failure.error());
                return;
            }
        }
        System.arraycopy(values, 0, results, chunk.start, values.length);
        if (remaining.addAndGet(-values.length) == 0) {
            core.runFinished(this);
            future.complete(Arrays.asList(results));
        }
    }
}
