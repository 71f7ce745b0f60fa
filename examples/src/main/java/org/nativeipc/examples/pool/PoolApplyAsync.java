package org.nativeipc.examples.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import org.nativeipc.pool.ProcessPool;
import org.nativeipc.process.CurrentProcess;

/**
 * Seed §13, asynchronous calls: {@code apply_async}, then {@code close()} and {@code join()},
 * then {@code get()}. At most three tasks run at a time, one per worker; a worker that finishes
 * takes the next task, so the workers neither start nor end together. {@code join()} waits until
 * the pool has run every task and its workers have exited; the results are then all there.
 *
 * <p>Usage: {@code PoolApplyAsync [longest seconds per task, default 0.3]} (the seed: 1 s).
 */
public final class PoolApplyAsync {
    private PoolApplyAsync() {
    }

    static int work(int n, double maxSeconds) throws InterruptedException {
        System.out.println(CurrentProcess.pid() + " run");
        Thread.sleep((long) (ThreadLocalRandom.current().nextDouble() * maxSeconds * 1000));
        return n * n;
    }

    public static void main(String[] args) throws Exception {
        double maxSeconds = args.length > 0 ? Double.parseDouble(args[0]) : 0.3;
        ProcessPool pool = ProcessPool.create(3);
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int n = i;
            results.add(pool.applyAsync(() -> work(n, maxSeconds))); // returns at once
        }
        pool.close(); // no more tasks
        pool.join();  // wait until every task has run and the workers have exited
        for (CompletableFuture<Integer> result : results) {
            System.out.println(result.get());
        }
    }
}
