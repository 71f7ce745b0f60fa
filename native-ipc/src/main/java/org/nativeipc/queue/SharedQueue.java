package org.nativeipc.queue;

import static org.nativeipc.queue.RingControlLayout.*;

import java.io.Serializable;
import java.util.AbstractQueue;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.nativeipc.codec.Codec;
import org.nativeipc.codec.CodecException;
import org.nativeipc.codec.SerializationAllowList;
import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.internal.memory.SideFiles;
import org.nativeipc.internal.object.ObjectLife;
import org.nativeipc.internal.object.SharedObjects;
import org.nativeipc.internal.object.Timeouts;

/**
 * A bounded blocking queue shared between processes: Python's {@code multiprocessing.Queue},
 * as a {@link BlockingQueue}.
 *
 * <pre>{@code
 * SharedQueue<String> q = SharedQueue.create(3);
 * new ChildProcess(() -> q.put("hello from " + CurrentProcess.pid())).start();
 * System.out.println(q.take());
 * }</pre>
 *
 * <p>A task that captures the queue carries it into a child process (it serializes as a handle
 * and re-attaches there); every process then puts and takes on the same shared memory. Elements
 * become bytes through a {@link Codec}, by default the {@link org.nativeipc.codec.DefaultCodec}
 * (records, enums, boxed primitives, strings, JDK values and collections of these written
 * structurally; other {@code Serializable} values through Java serialization). Classes are read
 * back only if the queue's allow-list names them (see
 * {@link org.nativeipc.codec.SerializationAllowList}: narrow JDK defaults, this library, the
 * creating class's package, {@link Builder#allowPackage}), and {@link #put} refuses what the
 * consumers would refuse, before anything is written. Nulls are not allowed
 * ({@link BlockingQueue} contract): use a sentinel value, or {@link #close()}.
 *
 * <p><b>A message that cannot be decoded</b> is copied out of the ring and its slot freed first,
 * so it never blocks producers and is never delivered again: the call that took it throws a
 * {@link CodecException} naming the class, the reason and the producer; it is logged (WARNING)
 * and counted ({@link #undecodableMessages()}); the next call gets the next message.
 *
 * <p><b>Rings.</b> {@link #create(int)} and the default {@link #builder()} give a
 * multi-producer/multi-consumer queue over an {@link MpmcRing}; {@code producers(1)} and
 * {@code consumers(1)} give a faster single-producer/single-consumer one over an
 * {@link SpscRing}, in which one process at a time puts and one takes (threads of that process
 * take turns: a non-blocking {@code offer} or {@code poll} gives up while another thread of the
 * process is inside a blocking {@code put} or {@code take}; with
 * {@link Builder#oneThreadPerSide()} they do not share, and save the turn-taking).
 *
 * <p><b>Elements of any size.</b> Elements up to {@link #maxMessageBytes()} when encoded go
 * through the ring. A larger one (up to 2 GiB encoded, the largest Java array) is written into a
 * file of its own in the shared folder, and a small reference goes through the ring; the consumer
 * that takes the reference reads the element and hands the file back to the queue for the next
 * {@code put} to overwrite (at most two such spares of up to 64 MiB, each removed after a second
 * without a {@code put}, and when the queue is closed). The element is
 * visible only once whole; the folder holds it until it is taken (so at most
 * {@link #capacity()} such elements at once), and a {@code put} that finds too little room says
 * how much it needs. A producer killed while writing one leaves a file that the next scan for
 * dead processes' files removes (every process that writes large elements scans at most once a
 * second), as does one a consumer killed while reading it leaves (one above 64 MiB it has already
 * removed). A queue built with
 * an explicit {@link Builder#maxMessageBytes} refuses larger elements instead, with an
 * {@link IllegalArgumentException}, before anything is written.
 *
 * <p><b>Ending.</b> {@link #close()} ends this process's use. A process that put elements and
 * then closes the queue counts as a producer that is done. Once no producer is open (each has
 * closed the queue or died), at least one (or {@code producers(n)}, when given) has closed it,
 * and the queue is empty, {@link #take()} throws {@link EndOfStreamException} instead of
 * blocking forever, and timed polls return null at once. A producer that merely exits or is
 * killed does not end the stream by itself (another process may take its place, and children
 * that put one result and exit are the common case), just as with Python's queues; Python's
 * way of ending, a sentinel per consumer, works too.
 *
 * <p><b>Closed by its creator.</b> When the creating process closes the queue (or exits, which
 * closes it), every thread of every process blocked on it wakes within 20 ms: a blocked
 * {@code put} or {@code offer} throws an {@link IllegalStateException}, a blocked {@code take} or
 * {@code poll} an {@link EndOfStreamException}. What needs no waiting still works on the mapped
 * memory (a consumer can take what is already in the queue).
 *
 * <p><b>Memory ordering.</b> As for {@code java.util.concurrent} queues, across processes too:
 * what a thread did before putting an element happens-before what the thread that takes it does
 * afterwards (the element is published with a release store and read after an acquire load).
 *
 * <p><b>Crash safety.</b> A process killed at any instruction loses at most the element it was
 * putting or had just taken; the queue stays usable and no other element is lost or repeated
 * (see {@link MpmcRing} and {@link SpscRing}).
 *
 * <p>{@link #iterator()} is unsupported (elements are in shared memory that other processes
 * change), and so are the operations built on it: {@code contains}, {@code remove(Object)},
 * {@code toArray}. {@link #toString()} shows the live state instead.
 *
 * @param <E> the type of the elements
 */
public class SharedQueue<E> extends AbstractQueue<E> implements BlockingQueue<E>, AutoCloseable, Serializable {
    private static final long serialVersionUID = 1L;

    final transient ObjectLife life;
    final transient SharedRegion region;
    final transient AbstractRing ring;
    private final transient ElementRing<E> elements;
    private final transient boolean joinable;

    SharedQueue(SharedRegion region, Codec<E> codec, boolean joinable) {
        this.life = new ObjectLife(region, joinable ? QueueTypes.JOINABLE_QUEUE : QueueTypes.QUEUE);
        this.region = region;
        this.ring = QueueRegions.queueRing(region);
        this.elements = new ElementRing<>(ring, codec, getClass().getSimpleName());
        this.joinable = joinable;
        if (joinable != ((ring.flags & FLAG_JOINABLE) != 0)) {
            throw new IllegalStateException(region + " holds a " + (joinable ? "plain" : "joinable") + " queue, not a "
                    + (joinable ? "JoinableSharedQueue" : "SharedQueue"));
        }
    }

    /**
     * A multi-producer/multi-consumer queue of at most {@code capacity} elements, with the default codec.
     *
     * @param <E> the type of the elements
     * @param capacity most elements the queue holds
     * @return the new queue, owned by this process
     */
    public static <E> SharedQueue<E> create(int capacity) {
        return builder().capacity(capacity).build();
    }

    /**
     * A builder for queues with other capacities, message sizes, cardinalities, codecs, or a name.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Attaches to the queue named {@code name} (in one process, always the same object), with
     * the default codec (see the class doc; {@code builder().name(name).allowPackage(..).open()}
     * for another allow-list or codec).
     *
     * @param <E> the type of the elements
     * @param name the name
     * @return this process's queue of that name
     * @throws IllegalStateException if there is no such name (the message says where it looked
     *     and how to create it), or it holds another type of object (a {@link JoinableSharedQueue}
     *     is opened with {@link JoinableSharedQueue#open(String)}) or layout version
     * @throws IllegalArgumentException if the name is not valid
     */
    public static <E> SharedQueue<E> open(String name) {
        return builder().name(name).open();
    }

    /**
     * Removes the name {@code name}: processes that have the queue keep using it, and its memory
     * goes when the last of them closes it or exits.
     *
     * @param name the name
     * @return true if it was removed, false if there was no such name
     * @throws IllegalStateException if the name holds another type of object (nothing is removed)
     * @throws IllegalArgumentException if the name is not valid
     */
    public static boolean unlink(String name) {
        return SharedObjects.unlink(QueueTypes.QUEUE, name);
    }

    // ---- inserting ---------------------------------------------------------------------------

    @Override
    public void put(E e) throws InterruptedException {
        insert(e, Long.MAX_VALUE);
    }

    @Override
    public boolean offer(E e) {
        try {
            return insert(e, 0);
        } catch (InterruptedException impossible) {
            throw new AssertionError("a non-blocking offer does not wait", impossible);
        }
    }

    @Override
    public boolean offer(E e, long timeout, TimeUnit unit) throws InterruptedException {
        return insert(e, Timeouts.toNanos(timeout, unit));
    }

    private boolean insert(E e, long timeoutNanos) throws InterruptedException {
        Objects.requireNonNull(e, "element: a SharedQueue holds no nulls (BlockingQueue contract); put a sentinel value or close the queue");
        checkOpen("put or offer");
        if (joinable) {
            addUnfinished(1);
        }
        boolean written = false;
        try {
            written = elements.insert(e, timeoutNanos);
            return written;
        } finally {
            if (joinable && !written) {
                addUnfinished(-1);
            }
        }
    }

    // ---- removing ------------------------------------------------------------------------------

    /**
     * Takes the head element, waiting for one.
     *
     * @throws EndOfStreamException if the queue is empty and its producers have closed it (see the class doc)
     * @throws CodecException if the element may not or cannot be decoded (it is dropped)
     */
    @Override
    public E take() throws InterruptedException {
        return remove(Long.MAX_VALUE, false);
    }

    @Override
    public E poll() {
        try {
            return remove(0, true);
        } catch (InterruptedException impossible) {
            throw new AssertionError("a non-blocking poll does not wait", impossible);
        }
    }

    /** Takes the head element, waiting at most {@code timeout}; null if none came or the producers have closed the queue. */
    @Override
    public E poll(long timeout, TimeUnit unit) throws InterruptedException {
        return remove(Timeouts.toNanos(timeout, unit), true);
    }

    private E remove(long timeoutNanos, boolean endIsEmpty) throws InterruptedException {
        checkOpen("take or poll");
        try {
            E value = elements.remove(timeoutNanos, endIsEmpty);
            if (value != null && joinable) {
                region.getAndAddLong(TAKEN_NOT_DONE_OFFSET, 1);
            }
            return value;
        } catch (CodecException e) {
            if (joinable) {
                addUnfinished(-1);
            }
            throw e;
        }
    }

    /** The head element without removing it, or null if the queue is empty. */
    @Override
    public E peek() {
        checkOpen("peek()");
        return elements.peek();
    }

    @Override
    public int drainTo(Collection<? super E> c) {
        return drainTo(c, Integer.MAX_VALUE);
    }

    @Override
    public int drainTo(Collection<? super E> c, int maxElements) {
        Objects.requireNonNull(c, "collection");
        if (c == this) {
            throw new IllegalArgumentException("cannot drain a queue into itself");
        }
        checkOpen("drainTo()");
        if (maxElements <= 0) {
            return 0;
        }
        int[] taken = new int[1];
        try {
            return elements.drain(e -> {
                taken[0]++;
                c.add(e);
            }, maxElements);
        } catch (CodecException e) {
            if (joinable) {
                addUnfinished(-1);
            }
            throw e;
        } finally {
            if (joinable && taken[0] > 0) {
                region.getAndAddLong(TAKEN_NOT_DONE_OFFSET, taken[0]);
            }
        }
    }

    // ---- state -----------------------------------------------------------------------------------

    @Override
    public int size() {
        checkOpen("size()");
        return ring.size();
    }

    @Override
    public boolean isEmpty() {
        checkOpen("isEmpty()");
        return ring.isEmpty();
    }

    /**
     * Python's {@code full()}: true if no element fits now.
     *
     * @return true if no element fits now
     */
    public boolean isFull() {
        return remainingCapacity() == 0;
    }

    @Override
    public int remainingCapacity() {
        checkOpen("remainingCapacity()");
        return ring.capacity - ring.size();
    }

    /**
     * Most elements the queue holds.
     *
     * @return most elements the queue holds
     */
    public int capacity() {
        return ring.capacity;
    }

    /**
     * Largest encoded element, in bytes.
     *
     * @return this builder, in bytes
     */
    public int maxMessageBytes() {
        return ring.maxMessageBytes;
    }

    /**
     * Messages this process took from the queue and dropped because they could not be decoded
     * (each one was reported by a {@link CodecException} and a WARNING log).
     *
     * @return the count, in this process
     */
    public long undecodableMessages() {
        return elements.droppedMessages();
    }

    /** Unsupported: other processes change the queue under any iterator. Use {@link #poll()} or {@link #drainTo}. */
    @Override
    public Iterator<E> iterator() {
        throw new UnsupportedOperationException("a SharedQueue cannot be iterated (other processes change it);"
                + " use poll(), drainTo() or toString()");
    }

    /**
     * Ends this process's use of the queue: if it put elements, it counts as a producer that has
     * closed (see the class doc). The creator also removes the file (processes already attached
     * keep working; others can no longer attach). Harmless twice.
     */
    @Override
    public void close() {
        life.close(() -> {
            SideFiles.removeSpares(ring.region);
            ring.close();
        });
    }

    final void checkOpen(String operation) {
        life.checkOpen(operation);
    }

    final void addUnfinished(long delta) {
        if (region.getAndAddLong(UNFINISHED_TASKS_OFFSET, delta) + delta == 0) {
            ring.allDone.signalAll();
        }
    }

    /** Live state: elements, capacity, the processes using it and their roles. */
    @Override
    public String toString() {
        long dropped = elements.droppedMessages();
        return life.describe() + "] " + ring
                + (dropped == 0 ? "" : ", " + dropped + " undecodable messages dropped here");
    }

    /**
     * Serialized as a handle (package-private so that JoinableSharedQueue inherits it).
     *
     * @return the handle that travels instead of this queue
     */
    final Object writeReplace() {
        checkOpen("serializing");
        return life.handle(elements.codec);
    }

    /** Live state for {@code nipc inspect}: the ring's, and for a joinable queue its unfinished count. */
    Map<String, Object> state() {
        return QueueTypes.ringState(ring);
    }

    /**
     * Builds queues: {@link #capacity} is required; {@link #name} makes a named queue. Its
     * methods are documented in full here (they are declared in a package-private base, as
     * {@code StringBuilder}'s are).
     */
    public static final class Builder extends QueueBuilderBase {
        Builder() {
        }
    }
}
