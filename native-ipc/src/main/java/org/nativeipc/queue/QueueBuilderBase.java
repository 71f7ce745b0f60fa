package org.nativeipc.queue;

import static org.nativeipc.queue.RingControlLayout.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.nativeipc.codec.Codec;
import org.nativeipc.codec.SerializationAllowList;
import org.nativeipc.internal.object.ObjectNames;
import org.nativeipc.internal.object.ObjectType;
import org.nativeipc.internal.object.Recipe;
import org.nativeipc.internal.object.SharedObjects;

/**
 * What {@link SharedQueue.Builder} does: its settings, and the queues it creates or opens. Not
 * public, as {@code AbstractStringBuilder} is not; its public methods are documented here for
 * the builder.
 */
abstract class QueueBuilderBase {
    private int capacity;
    private int maxMessageBytes = -1;
    private int producers;
    private int consumers;
    private Codec<?> codec;
    private final List<String> allowedPackages = new ArrayList<>();
    private boolean oneThreadPerSide;
    private String name;

    /**
     * Most elements the queue holds (required, at least 1).
     *
     * @param messages most elements the queue holds (at least 1)
     * @return this builder
     */
    public SharedQueue.Builder capacity(int messages) {
        if (messages < 1) {
            throw new IllegalArgumentException("capacity " + messages + " must be at least 1 element");
        }
        this.capacity = messages;
        return self();
    }

    /**
     * Largest encoded element, and with it a hard limit: a larger element is refused. Without
     * this setting a queue takes elements of any size (up to 2 GiB encoded): those up to the
     * default (1 MiB, as a multi-producer queue's ring spreads large elements over small slots,
     * which costs no memory; for {@code producers(1).consumers(1)} 64 KiB, less for capacities
     * above 1024, never below 256 B) go through the ring, larger ones through a file of their own
     * in the shared folder (see {@link SharedQueue}).
     *
     * @param bytes the bytes to send
     * @return this builder
     */
    public SharedQueue.Builder maxMessageBytes(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("maxMessageBytes " + bytes + " must be 0 or more");
        }
        this.maxMessageBytes = bytes;
        return self();
    }

    /**
     * Producer processes: with {@code consumers(1)}, 1 selects the single-producer ring; in any
     * case, {@link SharedQueue#take()} reports the end only after this many producers have come and gone.
     *
     * @param processes how many producer processes (at least 1)
     * @return this builder
     */
    public SharedQueue.Builder producers(int processes) {
        if (processes < 1) {
            throw new IllegalArgumentException("producers " + processes + " must be at least 1");
        }
        this.producers = processes;
        return self();
    }

    /**
     * Consumer processes: with {@code producers(1)}, 1 selects the single-consumer ring.
     *
     * @param processes how many consumer processes (at least 1)
     * @return this builder
     */
    public SharedQueue.Builder consumers(int processes) {
        if (processes < 1) {
            throw new IllegalArgumentException("consumers " + processes + " must be at least 1");
        }
        this.consumers = processes;
        return self();
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
    public SharedQueue.Builder oneThreadPerSide() {
        this.oneThreadPerSide = true;
        return self();
    }

    /**
     * How elements become bytes; default {@link org.nativeipc.codec.Codecs#defaults} (see {@link SharedQueue}).
     *
     * @param codec how elements become bytes
     * @return this builder
     */
    public SharedQueue.Builder codec(Codec<?> codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
        return self();
    }

    /**
     * Lets the default codec write and read the records, enums and serializable classes of
     * {@code packageName} and its sub-packages, besides those allowed anyway (see {@link SharedQueue}). The list travels with the queue to every process that uses it.
     *
     * @param packageName a package such as {@code "com.acme.orders"}
     * @return this builder
     * @throws IllegalArgumentException if {@code packageName} is not a package name
     */
    public SharedQueue.Builder allowPackage(String packageName) {
        SerializationAllowList.jdkOnly().allowPackage(packageName);
        allowedPackages.add(packageName);
        return self();
    }

    /**
     * Names the queue, so that any process can {@linkplain SharedQueue#open(String) open}
     * it until the name is {@linkplain SharedQueue#unlink(String) unlinked} (see the package
     * doc: names, lifetime, permissions); needed by {@link #openOrCreate()} and
     * {@link #open()}.
     *
     * @param name the name (see the package doc)
     * @return this builder
     * @throws IllegalArgumentException if the name is not valid
     */
    public SharedQueue.Builder name(String name) {
        ObjectNames.pathOf(name);
        this.name = name;
        return self();
    }

    /**
     * Creates the queue: with a {@linkplain #name name}, for any process to open until the
     * name is unlinked; without, owned by this process (removed when it closes the queue or
     * exits) and shared through handles.
     *
     * @param <E> the type of the elements
     * @return the new queue
     * @throws IllegalStateException if no capacity was given, or the name exists already
     */
    public <E> SharedQueue<E> build() {
        return create(QueueTypes.QUEUE, 0);
    }

    /**
     * Creates a {@link JoinableSharedQueue} with these settings (named, if a
     * {@linkplain #name name} was given).
     *
     * @param <E> the type of the elements
     * @return the new joinable queue
     * @throws IllegalStateException if no capacity was given, or the name exists already
     */
    public <E> JoinableSharedQueue<E> buildJoinable() {
        return create(QueueTypes.JOINABLE_QUEUE, FLAG_JOINABLE);
    }

    /**
     * Attaches to the queue of this builder's {@linkplain #name name}, creating it with these
     * settings if there is none: of processes racing here, exactly one creates it and the
     * others attach; none sees it half made. The codec settings are this process's own.
     *
     * @param <E> the type of the elements
     * @return this process's queue of that name
     * @throws IllegalStateException if no name or capacity was given, or the queue exists with
     *     other settings (capacity, maxMessageBytes, producers, consumers, oneThreadPerSide),
     *     or the name holds another type of object
     */
    public <E> SharedQueue<E> openOrCreate() {
        return openOrCreate(QueueTypes.QUEUE, 0);
    }

    /**
     * As {@link #openOrCreate()}, for a {@link JoinableSharedQueue}.
     *
     * @param <E> the type of the elements
     * @return this process's joinable queue of that name
     * @throws IllegalStateException as for {@link #openOrCreate()}
     */
    public <E> JoinableSharedQueue<E> openOrCreateJoinable() {
        return openOrCreate(QueueTypes.JOINABLE_QUEUE, FLAG_JOINABLE);
    }

    /**
     * Attaches to the existing queue of this builder's {@linkplain #name name}, decoding with
     * this builder's codec settings (the other settings are the queue's own).
     *
     * @param <E> the type of the elements
     * @return this process's queue of that name
     * @throws IllegalStateException if no name was given or there is no such queue (the
     *     message says where it looked and how to create it)
     */
    @SuppressWarnings("unchecked")
    public <E> SharedQueue<E> open() {
        return (SharedQueue<E>) SharedObjects.open(QueueTypes.QUEUE, requireName("open()"), codec());
    }

    /**
     * As {@link #open()}, for a {@link JoinableSharedQueue}.
     *
     * @param <E> the type of the elements
     * @return this process's joinable queue of that name
     * @throws IllegalStateException as for {@link #open()}
     */
    @SuppressWarnings("unchecked")
    public <E> JoinableSharedQueue<E> openJoinable() {
        return (JoinableSharedQueue<E>) SharedObjects.open(QueueTypes.JOINABLE_QUEUE, requireName("openJoinable()"), codec());
    }

    @SuppressWarnings("unchecked")
    private <Q> Q create(ObjectType<?> type, int flags) {
        Recipe recipe = recipe(flags);
        Codec<?> c = codec();
        return (Q) (name == null ? SharedObjects.create(type, recipe, c) : SharedObjects.create(type, name, recipe, c));
    }

    @SuppressWarnings("unchecked")
    private <Q> Q openOrCreate(ObjectType<?> type, int flags) {
        String named = requireName("openOrCreate()");
        return (Q) SharedObjects.openOrCreate(type, named, recipe(flags), codec());
    }

    private String requireName(String operation) {
        if (name == null) {
            throw new IllegalStateException("no name given: call name(\"...\") before " + operation);
        }
        return name;
    }

    private Recipe recipe(int flags) {
        if (capacity < 1) {
            throw new IllegalStateException("no capacity given: call capacity(n) before build()");
        }
        boolean spsc = producers == 1 && consumers == 1;
        if (oneThreadPerSide && !spsc) {
            throw new IllegalStateException("oneThreadPerSide() applies to a single-producer single-consumer queue:"
                    + " add producers(1).consumers(1), or drop oneThreadPerSide() (a multi-producer queue needs no turns)");
        }
        int defaultMax = spsc ? QueueRegions.defaultMaxMessageBytes(capacity) : QueueRegions.MPMC_DEFAULT_MAX_MESSAGE_BYTES;
        int max = maxMessageBytes >= 0 ? maxMessageBytes : defaultMax;
        int large = maxMessageBytes >= 0 ? 0 : FLAG_LARGE_ELEMENTS;
        return QueueTypes.queueRecipe(spsc, capacity, max, flags | large | (oneThreadPerSide ? FLAG_ONE_THREAD_PER_SIDE : 0), producers);
    }

    @SuppressWarnings("unchecked")
    private <E> Codec<E> codec() {
        if (codec != null && !allowedPackages.isEmpty()) {
            throw new IllegalStateException("allowPackage(" + allowedPackages + ") applies to the default codec, and codec("
                    + codec + ") replaces it: give the packages to your codec's allow-list instead");
        }
        return codec != null ? (Codec<E>) codec : QueueRegions.defaultCodecForCaller(allowedPackages);
    }

    private SharedQueue.Builder self() {
        return (SharedQueue.Builder) this;
    }
}
