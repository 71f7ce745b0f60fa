package org.nativeipc.bench.sync;

import java.time.Duration;

import org.nativeipc.bench.support.ControlBlock;
import org.nativeipc.bench.support.PeerChildren;
import org.nativeipc.internal.memory.RegionHandle;
import org.nativeipc.internal.memory.RegionKind;
import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.process.ProcessTask;

/**
 * The other side of the cross-process sync benchmarks: children ({@link PeerChildren}) started
 * in {@code @Setup} and stopped in {@code @TearDown}, and a {@link ControlBlock} in a shared
 * region that they attach to by handle.
 */
final class BenchChildren implements AutoCloseable {
    /** Longest wait for anything in a benchmark; beyond it the run fails instead of hanging. */
    static final Duration WAIT = PeerChildren.FINISH_TIMEOUT;
    /** Control block word: the counter the contended benchmarks increment under the lock. */
    static final int COUNTER = ControlBlock.slot(0);

    private final SharedRegion region = SharedRegion.create(RegionKind.TEST, 1, ControlBlock.BYTES, r -> { });
    private final ControlBlock control = new ControlBlock(region.payload()).reset();
    private final PeerChildren children = new PeerChildren(control);

    /** What a child captures to reach the control block ({@link #attach}). */
    RegionHandle handle() {
        return region.handle();
    }

    /** In a child: the control block behind {@code handle}. */
    static ControlBlock attach(RegionHandle handle) {
        return new ControlBlock(handle.attach().payload());
    }

    /** The shared region itself, for plain (non-volatile) access to {@link #COUNTER} under a lock. */
    SharedRegion region() {
        return region;
    }

    void start(String name, ProcessTask task) {
        children.start(name, task);
    }

    /** Asks the children to return; {@code release} unblocks them (they check the control block after it). */
    void stop(Runnable release) {
        control.set(ControlBlock.STOP_AT, 0);
        release.run();
        children.joinAll();
    }

    @Override
    public void close() {
        children.joinAll();
        region.close();
    }
}
