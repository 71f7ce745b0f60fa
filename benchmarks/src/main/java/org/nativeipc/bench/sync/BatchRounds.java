package org.nativeipc.bench.sync;

import static org.nativeipc.bench.sync.BenchChildren.WAIT;

import java.io.Serializable;
import java.util.concurrent.TimeUnit;

import org.nativeipc.bench.support.ControlBlock;
import org.nativeipc.internal.memory.RegionHandle;
import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.sync.SharedBarrier;

/**
 * Batches of work split evenly over this process and {@code processes - 1} children: every
 * process starts its share at one barrier and all meet at another, so a batch ends when the
 * slowest share does. The contended benchmarks score a batch as all its steps together.
 */
final class BatchRounds implements AutoCloseable {
    /** One process's share of a batch. */
    @FunctionalInterface
    interface Share extends Serializable {
        /**
         * Does {@code steps} steps.
         *
         * @param region the rounds' shared region (its counter word is free for the work)
         * @param steps how many
         */
        void run(SharedRegion region, int steps);
    }

    private final BenchChildren children = new BenchChildren();
    private final SharedBarrier start;
    private final SharedBarrier end;
    private final Share share;
    private final int steps;

    /** Starts the children, named {@code childName-1} and on, waiting for the first batch. */
    BatchRounds(String childName, int processes, int batch, Share share) {
        this.start = SharedBarrier.create(processes);
        this.end = SharedBarrier.create(processes);
        this.share = share;
        this.steps = batch / processes;
        SharedBarrier s = start;
        SharedBarrier e = end;
        RegionHandle handle = children.handle();
        int each = steps;
        for (int i = 1; i < processes; i++) {
            children.start(childName + "-" + i, () -> {
                SharedRegion shared = handle.attach();
                ControlBlock control = new ControlBlock(shared.payload());
                while (true) {
                    s.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                    if (control.stopRequested()) {
                        return;
                    }
                    share.run(shared, each);
                    e.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                }
            });
        }
    }

    /** The shared region whose counter word the work may use. */
    SharedRegion region() {
        return children.region();
    }

    /** One batch: every process's share, started together; returns when all are done. */
    void runBatch() throws Exception {
        start.await(WAIT.toSeconds(), TimeUnit.SECONDS);
        share.run(children.region(), steps);
        end.await(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Lets the children return (through one last start barrier) and frees everything. */
    @Override
    public void close() {
        try {
            children.stop(() -> {
                try {
                    start.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("children did not come to the last start barrier", e);
                }
            });
        } finally {
            children.close();
            start.close();
            end.close();
        }
    }
}
