package org.nativeipc.pool;

import org.nativeipc.codec.SerializationAllowList;
import org.nativeipc.internal.memory.RegionClosedException;
import org.nativeipc.internal.memory.RegionHandle;
import org.nativeipc.internal.memory.RegionKind;
import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.process.ProcessTask;
import org.nativeipc.queue.SpscRing;

/**
 * What a pool worker process runs: attaches to the pool's control region and its two rings,
 * runs the initializer, then serves tasks until told to stop (see {@link WorkerLoop}). Sent to
 * the worker as its {@code ChildProcess} task; the rings travel as handles.
 */
final class PoolWorker implements ProcessTask {
    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(PoolWorker.class.getPackageName());

    private final RegionHandle control;
    private final int slot;
    private final SpscRing tasks;
    private final SpscRing results;
    private final ProcessTask initializer;
    private final int maxTasks;
    private final SerializationAllowList allowList;
    private final int allowVersion;

    PoolWorker(RegionHandle control, int slot, SpscRing tasks, SpscRing results, ProcessTask initializer, int maxTasks,
               TaskEncoder.Allowed allowed) {
        this.control = control;
        this.slot = slot;
        this.tasks = tasks;
        this.results = results;
        this.initializer = initializer;
        this.maxTasks = maxTasks;
        this.allowList = allowed.list();
        this.allowVersion = allowed.version();
    }

    @Override
    public void run() throws Exception {
        if (control.kind() != RegionKind.POOL || control.layoutVersion() != PoolLayout.VERSION) {
            throw new IllegalStateException("a pool worker was given " + control + ", not a pool control region of layout version "
                    + PoolLayout.VERSION + ": the parent and this worker run different versions of native-ipc");
        }
        SharedRegion region;
        try {
            region = control.attach();
        } catch (RegionClosedException poolGone) {
            // The pool was closed (its program may have exited) while this worker's JVM booted:
            // nobody waits for this worker, so it ends quietly instead of printing a failure.
            LOG.log(System.Logger.Level.DEBUG, "pool worker " + slot + ": its pool closed before it started");
            return;
        }
        try {
            new WorkerLoop(region, slot, tasks, results, maxTasks, allowList, allowVersion).run(initializer);
        } finally {
            region.close();
        }
    }
}
