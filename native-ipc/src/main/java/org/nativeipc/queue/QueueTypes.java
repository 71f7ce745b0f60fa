package org.nativeipc.queue;

import static org.nativeipc.queue.RingControlLayout.*;

import java.util.LinkedHashMap;
import java.util.Map;

import org.nativeipc.codec.Codec;
import org.nativeipc.codec.Codecs;
import org.nativeipc.internal.codec.ReceivingPolicy;
import org.nativeipc.internal.memory.RegionKind;
import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.internal.object.ObjectType;
import org.nativeipc.internal.object.Recipe;

/**
 * This package's objects as the one lifecycle of shared objects knows them ({@link ObjectType}):
 * their region layouts, how a region becomes the object (with which codec), how each is made
 * ({@link Recipe}) and with which arguments, and their live state for {@code nipc inspect}.
 *
 * <p>A queue or pipe carries its codec in its handle; inside a message it attaches under the
 * receiving queue's allow-list instead ({@link ReceivingPolicy}). Attached with no codec (by
 * the {@code nipc} tool) it reads raw bytes: inspecting decodes nothing.
 */
final class QueueTypes {
    static final ObjectType<SharedQueue<?>> QUEUE = queue("SharedQueue", SharedQueue.class,
            (region, context) -> new SharedQueue<>(region, codecOf(context), false), "build");
    static final ObjectType<JoinableSharedQueue<?>> JOINABLE_QUEUE = queue("JoinableSharedQueue", JoinableSharedQueue.class,
            (region, context) -> new JoinableSharedQueue<>(region, codecOf(context)), "buildJoinable");
    static final ObjectType<Pipe> PIPE = ObjectType.builder("Pipe", Pipe.class)
            .layout(RegionKind.PIPE, PipeLayout.VERSION)
            .attacher((region, context) -> new Pipe(region, codecOf(context instanceof PipeConnection.End end ? end.codec() : context)))
            .resolver((pipe, context) -> pipe.end((PipeConnection.End) context))
            .parameters(region -> Recipe.arguments("duplex", region.getInt(PipeLayout.RING_COUNT_OFFSET) == 2,
                    "bufferBytes", region.getInt(PipeLayout.DATA_BYTES_OFFSET)))
            .state(Pipe::state)
            .creation("Pipe.create(\"%s\")")
            .build();
    static final ObjectType<SpscRing> SPSC_RING = ObjectType.builder("SpscRing", SpscRing.class)
            .layout(RegionKind.SPSC_RING, SpscRingLayout.VERSION)
            .attacher((region, context) -> new SpscRing(region, 0, true))
            .parameters(region -> ringArguments(region, TYPE_SPSC))
            .state(QueueTypes::ringState)
            .creation("SpscRing.create(dataBytes)")
            .build();
    static final ObjectType<MpmcRing> MPMC_RING = ObjectType.builder("MpmcRing", MpmcRing.class)
            .layout(RegionKind.MPMC_RING, MpmcRingLayout.VERSION)
            .attacher((region, context) -> new MpmcRing(region, 0, true))
            .parameters(region -> ringArguments(region, TYPE_MPMC))
            .state(QueueTypes::ringState)
            .creation("MpmcRing.create(capacity, maxMessageBytes)")
            .build();

    private QueueTypes() {
    }

    /** A queue type: either ring, the queue's arguments and state; {@code build} names the builder call that makes one. */
    @SuppressWarnings("unchecked")
    private static <Q extends SharedQueue<?>> ObjectType<Q> queue(String name, Class<?> type, ObjectType.Attacher<Q> attacher,
                                                                  String build) {
        return ObjectType.builder(name, (Class<Q>) type)
                .layout(RegionKind.SPSC_RING, SpscRingLayout.VERSION)
                .layout(RegionKind.MPMC_RING, MpmcRingLayout.VERSION)
                .attacher(attacher)
                .parameters(QueueTypes::queueArguments)
                .state(SharedQueue::state)
                .creation("SharedQueue.builder().name(\"%s\").capacity(n)." + build + "()")
                .build();
    }

    /** The codec a queue or pipe attaches with, given what its handle carried or its opener gave. */
    @SuppressWarnings("unchecked")
    static <E> Codec<E> codecOf(Object context) {
        if (context instanceof Codec<?> codec) {
            return ReceivingPolicy.rebind((Codec<E>) codec);
        }
        return (Codec<E>) Codecs.bytes();
    }

    /**
     * How to make a queue's region: one ring, single-producer/single-consumer or not.
     *
     * @param spsc true for the single-producer/single-consumer ring
     */
    static Recipe queueRecipe(boolean spsc, int capacity, int maxMessageBytes, int flags, int expectedProducers) {
        Map<String, Object> arguments = queueArguments(spsc, capacity, maxMessageBytes, flags, expectedProducers);
        if (spsc) {
            int dataBytes = QueueRegions.spscDataBytes(capacity, maxMessageBytes);
            return new Recipe(RegionKind.SPSC_RING, SpscRingLayout.VERSION, SpscRing.ringBytes(dataBytes),
                    r -> SpscRing.initialize(r, 0, dataBytes, maxMessageBytes, capacity, flags, expectedProducers), arguments);
        }
        return new Recipe(RegionKind.MPMC_RING, MpmcRingLayout.VERSION, MpmcRing.ringBytes(capacity, maxMessageBytes),
                r -> MpmcRing.initialize(r, 0, capacity, maxMessageBytes, flags, expectedProducers), arguments);
    }

    private static Map<String, Object> queueArguments(SharedRegion region) {
        boolean spsc = region.kind() == RegionKind.SPSC_RING;
        RingGeometry g = RingGeometry.read(region, 0, spsc ? TYPE_SPSC : TYPE_MPMC);
        return queueArguments(spsc, g.capacity(), g.maxMessageBytes(), g.flags(), g.expectedProducers());
    }

    private static Map<String, Object> queueArguments(boolean spsc, int capacity, int maxMessageBytes, int flags,
                                                      int expectedProducers) {
        return Recipe.arguments("capacity", capacity, "maxMessageBytes", maxMessageBytes,
                "producers", expectedProducers == 0 ? "any" : expectedProducers,
                "consumers", spsc ? "1" : "any", "oneThreadPerSide", (flags & FLAG_ONE_THREAD_PER_SIDE) != 0);
    }

    /** How to make a pipe's region: one SPSC ring per direction. */
    static Recipe pipeRecipe(int rings, int bufferBytes) {
        int ringBytes = SpscRing.ringBytes(bufferBytes);
        return new Recipe(RegionKind.PIPE, PipeLayout.VERSION, PipeLayout.HEADER_BYTES + (long) rings * ringBytes, r -> {
            r.putInt(PipeLayout.RING_COUNT_OFFSET, rings);
            r.putInt(PipeLayout.DATA_BYTES_OFFSET, bufferBytes);
            r.putInt(PipeLayout.RING0_BASE_OFFSET, PipeLayout.HEADER_BYTES);
            r.putInt(PipeLayout.RING1_BASE_OFFSET, rings == 2 ? PipeLayout.HEADER_BYTES + ringBytes : 0);
            for (int i = 0; i < rings; i++) {
                SpscRing.initialize(r, PipeLayout.HEADER_BYTES + i * ringBytes, bufferBytes, SpscRingLayout.maxPayloadBytes(bufferBytes),
                        SpscRingLayout.UNBOUNDED_MESSAGES, FLAG_DEATH_CLOSES | FLAG_LARGE_ELEMENTS, 1);
            }
        }, Recipe.arguments("duplex", rings == 2, "bufferBytes", bufferBytes));
    }

    /** A standalone ring's fixed facts, from its geometry. */
    private static Map<String, Object> ringArguments(SharedRegion region, int type) {
        RingGeometry g = RingGeometry.read(region, 0, type);
        return Recipe.arguments("capacity", g.capacity(), "maxMessageBytes", g.maxMessageBytes());
    }

    /** Live state of a ring: depth, its processes and their roles, messages lost to crashes. */
    static Map<String, Object> ringState(AbstractRing ring) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("messages", ring.size());
        state.put("open producers", ring.participants.openProducers());
        state.put("open consumers", ring.participants.openConsumers());
        state.put("processes", ring.participants.describe());
        state.put("lost to crashes", ring.lostMessages());
        return state;
    }
}
