package org.nativeipc.examples.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.nativeipc.pool.ProcessPool;

/**
 * Seed §13, no callback: when the parent handles every result only after all tasks are done, it
 * needs no callback — it submits, closes, joins, and then collects the results itself. With
 * {@code ProcessPool.builder().build()} the pool has as many workers as the machine has
 * processors, as Python's {@code Pool()}.
 *
 * <p>Usage: {@code PoolResultsWithoutCallback [seconds per task, default 0.1]} (the seed: 1 s).
 */
public final class PoolResultsWithoutCallback {
    private PoolResultsWithoutCallback() {
    }

    static int work(int n, double seconds) throws InterruptedException {
        Thread.sleep((long) (seconds * 1000));
        return n * n;
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 0.1;
        ProcessPool pool = ProcessPool.builder().build();
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int n = i;
            results.add(pool.applyAsync(() -> work(n, seconds)));
        }
        pool.close();
        pool.join(); // wait until every task is done
        List<Integer> nums = new ArrayList<>();
        for (CompletableFuture<Integer> result : results) {
            nums.add(result.get()); // every result is there
        }
        System.out.println(nums); // the parent handles all results together
    }
}
