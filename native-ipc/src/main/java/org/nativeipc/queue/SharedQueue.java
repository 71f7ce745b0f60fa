package org.nativeipc.queue;

import static org.nativeipc.queue.RingControlLayout.*;

import java.io.Serializable;
import java.util.AbstractQueue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.nativeipc.codec.Codec;
import org.nativeipc.codec.CodecException;
import org.nativeipc.codec.SerializationAllowList;
import org.nativeipc.internal.memory.AttachedObjects;
import org.nativeipc.internal.memory.SharedRegion;

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
 * {@link Builder#oneThreadPerSide()} they do not share, and save the turn-taking). Messages are at
 * most {@code maxMessageBytes} when encoded; a larger one is refused with an {@link IllegalArgumentException} before anything is written.
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

    final transient SharedRegion region;
    final transient AbstractRing ring;
    private final transient ElementRing<E> elements;
    private final transient boolean joinable;
    private final transient AtomicBoolean closed = new AtomicBoolean();

    SharedQueue(SharedRegion region, Codec<E> codec, boolean joinable) {
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
     * A builder for queues with other capacities, message sizes, cardinalities or codecs.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
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
        return insert(e, AbstractRing.toNanos(timeout, unit));
    }

    private boolean insert(E e, long timeoutNanos) throws InterruptedException {
        Objects.requireNonNull(e, "element: a SharedQueue holds no nulls (BlockingQueue contract); put a sentinel value or close the queue");
        checkOpen();
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
        return remove(AbstractRing.toNanos(timeout, unit), true);
    }

    private E remove(long timeoutNanos, boolean endIsEmpty) throws InterruptedException {
        checkOpen();
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
        checkOpen();
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
        checkOpen();
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
        checkOpen();
        return ring.size();
    }

    @Override
    public boolean isEmpty() {
        checkOpen();
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
        checkOpen();
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
        if (closed.compareAndSet(false, true)) {
            ring.close();
            AttachedObjects.forget(region);
            region.close();
        }
    }

    final void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException(getClass().getSimpleName() + " " + ring.name() + " is closed in this process");
        }
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
        return getClass().getSimpleName() + (closed.get() ? " (closed here) " : " ") + ring
                + (dropped == 0 ? "" : ", " + dropped + " undecodable messages dropped here");
    }

    /**
     * Serialized as a handle (package-private so that JoinableSharedQueue inherits it).
     *
     * @return the handle that travels instead of this queue
     */
    final Object writeReplace() {
        checkOpen();
        return new QueueHandle(region.handle(), elements.codec, joinable);
    }

    /** Builds queues; {@link #capacity} is required. */
    public static final class Builder {
        private int capacity;
        private int maxMessageBytes = -1;
        private int producers;
        private int consumers;
        private Codec<?> codec;
        private final List<String> allowedPackages = new ArrayList<>();
        private boolean oneThreadPerSide;

        Builder() {
        }

        /**
         * Most elements the queue holds (required, at least 1).
         *
         * @param messages most elements the queue holds (at least 1)
         * @return this builder
         */
        public Builder capacity(int messages) {
            if (messages < 1) {
                throw new IllegalArgumentException("capacity " + messages + " must be at least 1 element");
            }
            this.capacity = messages;
            return this;
        }

        /**
         * Largest encoded element; default 64 KiB, less for capacities above 1024 (never below 256 B).
         *
         * @param bytes the bytes to send
         * @return this builder
         */
        public Builder maxMessageBytes(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("maxMessageBytes " + bytes + " must be 0 or more");
            }
            this.maxMessageBytes = bytes;
            return this;
        }

        /**
         * Producer processes: with {@code consumers(1)}, 1 selects the single-producer ring; in any
         * case, {@link #take()} reports the end only after this many producers have come and gone.
         *
         * @param processes how many producer processes (at least 1)
         * @return this builder
         */
        public Builder producers(int processes) {
            if (processes < 1) {
                throw new IllegalArgumentException("producers " + processes + " must be at least 1");
            }
            this.producers = processes;
            return this;
        }

        /**
         * Consumer processes: with {@code producers(1)}, 1 selects the single-consumer ring.
         *
         * @param processes how many consumer processes (at least 1)
         * @return this builder
         */
        public Builder consumers(int processes) {
            if (processes < 1) {
                throw new IllegalArgumentException("consumers " + processes + " must be at least 1");
            }
            this.consumers = processes;
            return this;
        }

        /**
         * For a single-producer/single-consumer queue ({@code producers(1).consumers(1)}): a
         * promise that in each process one thread puts and one thread takes (they may be
         * different threads, and another thread may take a side over once its owner has ended).
         * It saves the atomic instruction per put and take that otherwise lets several threads of
         * a process take turns on a side: small elements pass about 1.5 times as fast. A thread
         * that uses a side another live thread owns gets an {@link IllegalStateException}.
         * Every process using the queue keeps the promise.
         *
         * @return this builder
         */
        public Builder oneThreadPerSide() {
            this.oneThreadPerSide = true;
            return this;
        }

        /**
         * How elements become bytes; default {@link org.nativeipc.codec.Codecs#defaults} (see the class doc).
         *
         * @param codec how elements become bytes
         * @return this builder
         */
        public Builder codec(Codec<?> codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /**
         * Lets the default codec write and read the records, enums and serializable classes of
         * {@code packageName} and its sub-packages, besides those allowed anyway (see the class
         * doc). The list travels with the queue to every process that uses it.
         *
         * @param packageName a package such as {@code "com.acme.orders"}
         * @return this builder
         * @throws IllegalArgumentException if {@code packageName} is not a package name
         */
        public Builder allowPackage(String packageName) {
            SerializationAllowList.jdkOnly().allowPackage(packageName);
            allowedPackages.add(packageName);
            return this;
        }

        /**
         * Creates the queue (this process owns its file).
         *
         * @param <E> the type of the elements
         * @return the new queue
         */
        public <E> SharedQueue<E> build() {
            SharedQueue<E> queue = new SharedQueue<>(createRegion(0), codec(), false);
            AttachedObjects.register(queue.region, queue);
            return queue;
        }

        /**
         * Creates a {@link JoinableSharedQueue} with these settings.
         *
         * @param <E> the type of the elements
         * @return the new joinable queue
         */
        public <E> JoinableSharedQueue<E> buildJoinable() {
            JoinableSharedQueue<E> queue = new JoinableSharedQueue<>(createRegion(FLAG_JOINABLE), codec());
            AttachedObjects.register(queue.region, queue);
            return queue;
        }

        private SharedRegion createRegion(int flags) {
            if (capacity < 1) {
                throw new IllegalStateException("no capacity given: call capacity(n) before build()");
            }
            boolean spsc = producers == 1 && consumers == 1;
            if (oneThreadPerSide && !spsc) {
                throw new IllegalStateException("oneThreadPerSide() applies to a single-producer single-consumer queue:"
                        + " add producers(1).consumers(1), or drop oneThreadPerSide() (a multi-producer queue needs no turns)");
            }
            int max = maxMessageBytes >= 0 ? maxMessageBytes : QueueRegions.defaultMaxMessageBytes(capacity);
            return QueueRegions.createQueueRegion(spsc, capacity, max, flags | (oneThreadPerSide ? FLAG_ONE_THREAD_PER_SIDE : 0), producers);
        }

        @SuppressWarnings("unchecked")
        private <E> Codec<E> codec() {
            if (codec != null && !allowedPackages.isEmpty()) {
                throw new IllegalStateException("allowPackage(" + allowedPackages + ") applies to the default codec, and codec("
                        + codec + ") replaces it: give the packages to your codec's allow-list instead");
            }
            return codec != null ? (Codec<E>) codec : QueueRegions.defaultCodecForCaller(allowedPackages);
        }
    }

}
