package org.nativeipc.examples.pool;

import java.util.ArrayList;
import java.util.List;

import org.nativeipc.pool.ProcessPool;
import org.nativeipc.process.CurrentProcess;

/**
 * Seed §13, synchronous calls: {@code Pool(3)} and {@code apply}. The pool starts three worker
 * processes once, and those three run every task; {@code apply} waits for each result before the
 * loop goes on, so the tasks run one after another (each worker's pid shows up in turn).
 *
 * <p>Usage: {@code PoolApply [seconds per task, default 0.2]} (the seed sleeps 3 s).
 */
public final class PoolApply {
    private PoolApply() {
    }

    static int work(int n, double seconds) throws InterruptedException {
        System.out.println(CurrentProcess.pid() + " run");
        Thread.sleep((long) (seconds * 1000));
        return n * n;
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 0.2;
        try (ProcessPool pool = ProcessPool.create(3)) {
            List<Integer> results = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int n = i;
                int result = pool.apply(() -> work(n, seconds)); // waits here until this task is done
                results.add(result);
            }
            System.out.println(results);
        }
    }
}
