package org.nativeipc.queue;

import static org.nativeipc.queue.RingControlLayout.*;

import java.util.LinkedHashMap;
import java.util.Map;

import org.nativeipc.codec.Codec;
import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.internal.object.SharedObjects;

/**
 * A {@link SharedQueue} that counts unfinished work: Python's
 * {@code multiprocessing.JoinableQueue}. Every element put counts as unfinished until a consumer
 * that took it calls {@link #taskDone()}; {@link #join()} waits until nothing is unfinished.
 *
 * <p>Counts are shared by all processes. An element that could not be decoded is counted as
 * done by the queue itself. A consumer killed between taking an element and calling
 * {@code taskDone()} leaves it unfinished (as in Python): {@code join()} then waits forever;
 * use a timeout through the queue's other methods if consumers may die.
 *
 * @param <E> the type of the elements
 */
public class JoinableSharedQueue<E> extends SharedQueue<E> {
    private static final long serialVersionUID = 1L;

    JoinableSharedQueue(SharedRegion region, Codec<E> codec) {
        super(region, codec, true);
    }

    /**
     * A multi-producer/multi-consumer joinable queue of at most {@code capacity} elements, with the default codec.
     *
     * @param <E> the type of the elements
     * @param capacity most elements the queue holds
     * @return the new queue, owned by this process
     */
    public static <E> JoinableSharedQueue<E> create(int capacity) {
        return SharedQueue.builder().capacity(capacity).buildJoinable();
    }

    /**
     * Attaches to the joinable queue named {@code name} (in one process, always the same
     * object), with the default codec ({@code SharedQueue.builder().name(name)...openJoinable()}
     * for another).
     *
     * @param <E> the type of the elements
     * @param name the name
     * @return this process's joinable queue of that name
     * @throws IllegalStateException if there is no such name (the message says where it looked
     *     and how to create it), or it holds another type of object or layout version
     * @throws IllegalArgumentException if the name is not valid
     */
    public static <E> JoinableSharedQueue<E> open(String name) {
        return SharedQueue.builder().name(name).openJoinable();
    }

    /**
     * Removes the name {@code name}: processes that have the joinable queue keep using it, and
     * its memory goes when the last of them closes it or exits.
     *
     * @param name the name
     * @return true if it was removed, false if there was no such name
     * @throws IllegalStateException if the name holds another type of object (nothing is removed)
     * @throws IllegalArgumentException if the name is not valid
     */
    public static boolean unlink(String name) {
        return SharedObjects.unlink(QueueTypes.JOINABLE_QUEUE, name);
    }

    /**
     * Marks one taken element as processed.
     *
     * @throws IllegalStateException if called more times than elements were taken (Python's ValueError)
     */
    public void taskDone() {
        checkOpen("taskDone()");
        while (true) {
            long taken = region.getLongVolatile(TAKEN_NOT_DONE_OFFSET);
            if (taken <= 0) {
                throw new IllegalStateException("taskDone() called more times than elements were taken from " + this);
            }
            if (region.compareAndSetLong(TAKEN_NOT_DONE_OFFSET, taken, taken - 1)) {
                break;
            }
        }
        addUnfinished(-1);
    }

    /**
     * Waits until every element put so far has been taken and marked done.
     *
     * @throws InterruptedException if interrupted while waiting
     * @throws IllegalStateException if the queue is closed here, or its creator closes it meanwhile
     */
    public void join() throws InterruptedException {
        checkOpen("join()");
        ring.allDone.await(() -> unfinishedTasks() <= 0, Long.MAX_VALUE);
    }

    @Override
    Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>(super.state());
        state.put("unfinished tasks", unfinishedTasks());
        return state;
    }

    /** Live state, with the count of unfinished elements. */
    @Override
    public String toString() {
        return super.toString() + ", " + unfinishedTasks() + " unfinished";
    }

    /**
     * Elements put and not yet marked done.
     *
     * @return elements put and not yet marked done
     */
    public long unfinishedTasks() {
        return region.getLongVolatile(UNFINISHED_TASKS_OFFSET);
    }
}
