package org.nativeipc.bench.state;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.nativeipc.process.ChildProcess;
import org.nativeipc.process.ProcessTask;
import org.nativeipc.shared.SharedLong;
import org.nativeipc.shared.SharedMap;
import org.nativeipc.sync.SharedLock;
import org.openjdk.jmh.annotations.*;

/**
 * The seed's §12 end to end: {@value #CHILDREN} child processes each decrement a count that
 * starts at {@value #CHILDREN}, all started, then all joined; the count must end at 0 (else the
 * run fails). {@code mapUnderLock} is the seed's way (a {@link SharedMap} entry read and written
 * under a {@link SharedLock}), {@code sharedLong} the fast way ({@link SharedLong#decrementAndGet()}).
 * Every child is a cold JVM, as Python's children under its default start method are fresh
 * processes (forked). One shot is one whole countdown.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class CountdownBenchmark {
    /** The seed's number of children and starting count. */
    static final int CHILDREN = 100;

    @Benchmark
    public int mapUnderLock() throws InterruptedException {
        try (SharedLock lock = SharedLock.create(); SharedMap<String, Integer> dic = SharedMap.create(1)) {
            dic.put("count", CHILDREN);
            run(() -> {
                lock.lock();
                try {
                    dic.put("count", dic.get("count") - 1);
                } finally {
                    lock.unlock();
                }
            });
            return check(dic.get("count"));
        }
    }

    @Benchmark
    public int sharedLong() throws InterruptedException {
        try (SharedLong count = SharedLong.create(CHILDREN)) {
            run(count::decrementAndGet);
            return check(count.get());
        }
    }

    private static void run(ProcessTask task) throws InterruptedException {
        List<ChildProcess> children = new ArrayList<>();
        for (int i = 0; i < CHILDREN; i++) {
            children.add(new ChildProcess(task).start());
        }
        for (ChildProcess child : children) {
            child.join();
            if (child.exitCode().orElse(-1) != 0) {
                throw new IllegalStateException("correctness check failed: " + child + " exited " + child.exitCode());
            }
        }
    }

    private static int check(long count) {
        if (count != 0) {
            throw new IllegalStateException("correctness check failed: the count ended at " + count + ", not 0");
        }
        return 0;
    }
}
