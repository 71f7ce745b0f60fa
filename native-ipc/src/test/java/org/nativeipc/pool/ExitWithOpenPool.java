package org.nativeipc.pool;

/**
 * A program that uses a pool and ends without closing it (or after {@code close()} only, with
 * argument "close"), for {@link PoolLifecycleTest}: its JVM must exit at once, with no error
 * output from the pool or its workers.
 */
public final class ExitWithOpenPool {
    private ExitWithOpenPool() {
    }

    public static void main(String[] args) throws Exception {
        ProcessPool pool = ProcessPool.create(2);
        System.out.println(pool.apply(() -> 6 * 7));
        pool.applyAsync(() -> {
            Thread.sleep(100);
            return 1;
        });
        if (args.length > 0 && args[0].equals("close")) {
            pool.close();
        }
    }
}
