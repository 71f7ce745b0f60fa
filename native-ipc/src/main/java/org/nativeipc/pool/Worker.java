package org.nativeipc.pool;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;

import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.process.ChildProcess;
import org.nativeipc.queue.SpscRing;

/**
 * The parent's view of one worker process (one incarnation: a replacement is a new
 * {@code Worker}): its process, its two rings, the units sent to it and not yet answered (in the
 * order it runs them), and what it has been told (lambda shapes, map functions).
 *
 * <p>Fields marked "pool lock" are read and written under {@link PoolCore}'s lock; the result
 * collector takes answered units off the head of {@link #inFlight} without it (the dispatcher
 * only adds at the tail, under the lock).
 */
final class Worker {
    final int slot;
    final String name;
    final ChildProcess process;
    final SpscRing tasks;
    final SpscRing results;
    final ConcurrentLinkedDeque<Work> inFlight = new ConcurrentLinkedDeque<>();

    // pool lock
    long lastSeq;
    int outstandingUnits;
    int sent;
    boolean ready;
    boolean retiring;
    boolean shutdownSent;
    boolean ringFull;
    boolean exited;
    /** The pool killed it to stop a task cancelled with {@code cancel(true)}: its end is no accident. */
    boolean killedForCancel;
    /** The version of the pool's allow-list the worker has. */
    int allowVersion;
    /** When it last made progress: answered something, or was sent work while it had none. */
    long progressAt;
    final BitSet lambdas = new BitSet();
    final Set<Integer> functions = new HashSet<>();
    final List<Integer> toForget = new ArrayList<>();

    // result collector only
    boolean announcedRetiring;

    Worker(int slot, String name, ChildProcess process, SpscRing tasks, SpscRing results) {
        this.slot = slot;
        this.name = name;
        this.process = process;
        this.tasks = tasks;
        this.results = results;
    }

    /**
     * Creates the rings and starts a worker process in {@code slot} of {@code control} (whose slot
     * is clear); it starts with the {@code allowed} allow-list.
     */
    static Worker start(PoolConfig config, SharedRegion control, int slot, String name, TaskEncoder.Allowed allowed) {
        SpscRing tasks = SpscRing.create(config.ringBytes());
        SpscRing results = null;
        try {
            results = SpscRing.create(config.ringBytes());
            PoolWorker task = new PoolWorker(control.handle(), slot, tasks, results, config.initializer(), config.maxTasksPerChild(),
                    allowed);
            ChildProcess process = new ChildProcess(task).name(name).daemon(true)
                    .jvmOptions(config.jvmOptions().toArray(new String[0]));
            if (config.inheritedChannel() != null) {
                process.inheritChannel(config.inheritedChannel());
            }
            process.start();
            Worker w = new Worker(slot, name, process, tasks, results);
            w.allowVersion = allowed.version();
            return w;
        } catch (RuntimeException | Error e) {
            tasks.close();
            if (results != null) {
                results.close();
            }
            throw e;
        }
    }

    /**
     * True if it may be sent {@code units} more now (pool lock): it is idle, or it holds at most
     * half of its {@code window} (a worker is refilled in batches, not unit by unit, so that one
     * message carries many units) with room for these, and has answered within
     * {@code stallNanos} (else it is busy with something long).
     */
    boolean accepts(int units, long window, long now, long stallNanos) {
        return canTakeWork() && (outstandingUnits == 0 || 2L * outstandingUnits <= window && outstandingUnits + (long) units <= window
                && now - progressAt < stallNanos);
    }

    /** True if it may be sent work at all (pool lock): ready, not on its way out, its ring not full. */
    boolean canTakeWork() {
        return ready && !retiring && !shutdownSent && !ringFull && !exited;
    }

    /** True if it holds exactly one unit sent and not yet answered (pool lock; the collector may just be taking it). */
    boolean holdsOneUnit() {
        Work first = inFlight.peekFirst();
        return first != null && first == inFlight.peekLast();
    }

    /** True if it counts towards the pool's size: alive and not on its way out (pool lock). */
    boolean usable() {
        return !retiring && !shutdownSent && !exited;
    }

    long pid() {
        return process.pid();
    }

    /** Its exit code, once it has ended; −1 if unknown. */
    int exitCode() {
        return process.exitCode().orElse(-1);
    }

    /** Removes its rings (the parent created them). The process object stays open: the library's exit hook may still join it. */
    void release() {
        tasks.close();
        results.close();
    }

    @Override
    public String toString() {
        return name + "(pid " + process.pid() + (ready ? "" : ", starting") + (retiring ? ", retiring" : "")
                + (shutdownSent ? ", stopping" : "") + ", " + inFlight.size() + " in flight)";
    }
}
