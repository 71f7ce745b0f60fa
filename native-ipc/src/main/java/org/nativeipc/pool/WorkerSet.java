package org.nativeipc.pool;

import java.util.ArrayList;
import java.util.List;

import org.nativeipc.internal.memory.SharedRegion;

/**
 * The pool's workers: which are active, which control slot each holds, and how many in a row
 * died before they were ready. Mutating methods run under the pool's lock; {@link #active()} may
 * be read from any thread (a new array is published on every change). A pool of {@code n} has
 * {@code 2n} slots, so a replacement can start while the worker it replaces still ends.
 */
final class WorkerSet {
    private final PoolConfig config;
    private final SharedRegion control;
    /** Slots held by a worker, or reserved for one that is starting. */
    private final boolean[] taken;
    private volatile Worker[] active = new Worker[0];
    private int workerNumbers;
    private int bootFailures;
    private int starting;

    WorkerSet(PoolConfig config, SharedRegion control) {
        this.config = config;
        this.control = control;
        this.taken = new boolean[slotCount(config.processes())];
    }

    static int slotCount(int processes) {
        return 2 * processes;
    }

    Worker[] active() {
        return active;
    }

    /**
     * A free slot, reserved for a worker about to start (it counts as {@link #starting()} until
     * {@link #add} or {@link #releaseSlot}); −1 if every slot is held by a worker still ending
     * (pool lock).
     */
    int reserveSlot() {
        for (int i = 0; i < taken.length; i++) {
            if (!taken[i]) {
                taken[i] = true;
                starting++;
                return i;
            }
        }
        return -1;
    }

    /** Gives a reserved slot back: its worker could not start (pool lock). */
    void releaseSlot(int slot) {
        taken[slot] = false;
        starting--;
    }

    /** Workers being started now (pool lock). */
    int starting() {
        return starting;
    }

    /** The next worker name (pool lock). */
    String nextName() {
        return config.name() + "-worker-" + ++workerNumbers;
    }

    /**
     * Clears {@code slot} and starts a worker in it. Outside the lock, on a starter thread: a
     * start takes from milliseconds (a spare JVM) to the whole boot of a JVM.
     */
    Worker start(int slot, String name, TaskEncoder.Allowed allowed) {
        control.setLongVolatile(PoolLayout.slotField(slot, PoolLayout.STARTED_OFFSET), 0);
        control.setLongVolatile(PoolLayout.slotField(slot, PoolLayout.PID_OFFSET), 0);
        return Worker.start(config, control, slot, name, allowed);
    }

    /** Makes a started worker (in a slot reserved for it) active (pool lock). */
    void add(Worker w) {
        starting--;
        List<Worker> list = new ArrayList<>(List.of(active));
        list.add(w);
        active = list.toArray(new Worker[0]);
    }

    /** Removes an ended worker and frees its slot (pool lock). */
    void remove(Worker w) {
        List<Worker> list = new ArrayList<>(List.of(active));
        list.remove(w);
        active = list.toArray(new Worker[0]);
        taken[w.slot] = false;
    }

    /** Workers that count towards the pool's size, those starting included (pool lock). */
    int usable() {
        int n = starting;
        for (Worker w : active) {
            n += w.usable() ? 1 : 0;
        }
        return n;
    }

    /** Active workers that are ready and count towards the pool's size (pool lock). */
    int readyCount() {
        int n = 0;
        for (Worker w : active) {
            n += w.ready && w.usable() ? 1 : 0;
        }
        return n;
    }

    /** A worker became ready: the run of early deaths is over (pool lock). */
    void becameReady() {
        bootFailures = 0;
    }

    /**
     * A worker died before it was ready, or could not be started (pool lock).
     *
     * @return true if that has now happened {@link PoolCore#MAX_BOOT_FAILURES} times in a row
     */
    boolean failedToBoot() {
        return ++bootFailures >= PoolCore.MAX_BOOT_FAILURES;
    }
}
