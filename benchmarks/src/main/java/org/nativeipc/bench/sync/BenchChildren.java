package org.nativeipc.bench.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.nativeipc.internal.memory.RegionHandle;
import org.nativeipc.internal.memory.RegionKind;
import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.process.ChildProcess;
import org.nativeipc.process.ProcessTask;

/**
 * The other side of the cross-process sync benchmarks: children started in {@code @Setup},
 * stopped in {@code @TearDown}, and a small shared control block (a stop flag and a counter).
 */
final class BenchChildren implements AutoCloseable {
    /** Longest wait for anything in a benchmark; beyond it the run fails instead of hanging. */
    static final Duration WAIT = Duration.ofSeconds(60);
    /** Control block: 1 once the children should return. */
    static final int STOP = 0;
    /** Control block: the counter the contended benchmarks increment under the lock. */
    static final int COUNTER = 8;
    private static final int CONTROL_BYTES = 64;

    private final SharedRegion control = SharedRegion.create(RegionKind.TEST, 1, CONTROL_BYTES, r -> { });
    private final List<ChildProcess> children = new ArrayList<>();

    /** What a child captures to reach the control block. */
    RegionHandle controlHandle() {
        return control.handle();
    }

    SharedRegion control() {
        return control;
    }

    void start(String name, ProcessTask task) {
        children.add(new ChildProcess(task).name(name).start());
    }

    /** In a child: true once the parent asked the children to return. */
    static boolean stopRequested(SharedRegion control) {
        return control.getLongVolatile(STOP) != 0;
    }

    /** Asks the children to stop; {@code release} is what unblocks them (they check the flag after it). */
    void stop(Runnable release) throws InterruptedException {
        control.setLongVolatile(STOP, 1);
        release.run();
        for (ChildProcess child : children) {
            if (!child.join(WAIT)) {
                child.kill();
                child.join(WAIT);
                throw new IllegalStateException(child + " did not stop within " + WAIT + "; killed");
            }
            if (child.exitCode().orElse(-1) != 0) {
                throw new IllegalStateException(child + " failed (see its stderr above)");
            }
        }
    }

    @Override
    public void close() {
        for (ChildProcess child : children) {
            if (child.isAlive()) {
                child.kill();
            }
        }
        control.close();
    }
}
