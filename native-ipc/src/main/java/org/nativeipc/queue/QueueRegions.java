package org.nativeipc.queue;

import java.util.List;
import java.util.Set;

import org.nativeipc.codec.Codec;
import org.nativeipc.codec.Codecs;
import org.nativeipc.codec.SerializationAllowList;
import org.nativeipc.internal.memory.RegionKind;
import org.nativeipc.internal.memory.SharedRegion;

/**
 * Sizing and creation of the regions behind queues, and the default codec: the decisions that
 * {@link SharedQueue}, {@link JoinableSharedQueue} and {@link Pipe} share.
 */
final class QueueRegions {
    /** Memory a queue built with default settings may take for its slots: 64 MiB. */
    static final long DEFAULT_QUEUE_BUDGET_BYTES = 64L << 20;
    /**
     * Largest default message of a multi-producer/multi-consumer queue: 1 MiB. Its ring spreads
     * large messages over small slots, so the default costs no memory per slot (see
     * {@link MpmcRingLayout#slotBytes}).
     */
    static final int MPMC_DEFAULT_MAX_MESSAGE_BYTES = 1 << 20;
    /** Largest default message of a single-producer/single-consumer queue: 64 KiB. */
    static final int DEFAULT_MAX_MESSAGE_BYTES = 64 << 10;
    /** Smallest default message, whatever the capacity: 256 bytes. */
    static final int MIN_DEFAULT_MAX_MESSAGE_BYTES = 256;

    private static final Set<String> OWN_CLASSES = Set.of(SharedQueue.class.getName(), SharedQueue.Builder.class.getName(), QueueBuilderBase.class.getName(),
            JoinableSharedQueue.class.getName(), Pipe.class.getName(), QueueRegions.class.getName());

    private QueueRegions() {
    }

    /**
     * The default largest message for a queue of {@code capacity}: 64 KiB, less for large
     * capacities so that the slots stay within {@link #DEFAULT_QUEUE_BUDGET_BYTES}, never below
     * 256 bytes.
     */
    static int defaultMaxMessageBytes(int capacity) {
        long perSlot = DEFAULT_QUEUE_BUDGET_BYTES / Math.max(1, capacity) - MpmcRingLayout.SLOT_PAYLOAD_OFFSET;
        long bounded = Math.max(MIN_DEFAULT_MAX_MESSAGE_BYTES, Math.min(DEFAULT_MAX_MESSAGE_BYTES, perSlot));
        return (int) (bounded & -MpmcRingLayout.SLOT_ALIGNMENT);
    }

    /** Data bytes of an SPSC queue's ring: room for {@code capacity} + 2 of the largest records. */
    static int spscDataBytes(int capacity, int maxMessageBytes) {
        long need = (long) (capacity + 2) * SpscRingLayout.recordBytes(maxMessageBytes);
        long bytes = Math.max(SpscRingLayout.MIN_DATA_BYTES, Long.highestOneBit(Math.max(1, need - 1)) << 1);
        if (bytes > SpscRingLayout.MAX_DATA_BYTES) {
            throw new IllegalArgumentException("a single-producer queue of " + capacity + " messages of up to " + maxMessageBytes
                    + " bytes needs " + need + " bytes, more than " + SpscRingLayout.MAX_DATA_BYTES + ": lower the capacity or maxMessageBytes");
        }
        return (int) bytes;
    }

    /** The ring stored at the start of a queue's region. */
    static AbstractRing queueRing(SharedRegion region) {
        return region.kind() == RegionKind.SPSC_RING ? new SpscRing(region, 0, false) : new MpmcRing(region, 0, false);
    }

    /**
     * The default codec for a queue or pipe created from user code: {@link Codecs#defaults} with
     * the default allow-list plus the package (and sub-packages) of the class that created it,
     * plus {@code extraPackages}.
     */
    static <E> Codec<E> defaultCodecForCaller(List<String> extraPackages) {
        SerializationAllowList allowList = SerializationAllowList.defaults();
        String callerPackage = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                .map(StackWalker.StackFrame::getDeclaringClass)
                .filter(c -> !OWN_CLASSES.contains(c.getName()) && !c.getName().startsWith(SharedQueue.class.getName() + "$"))
                .findFirst().map(Class::getPackageName).orElse(""));
        if (!callerPackage.isEmpty()) {
            allowList = allowList.allowPackage(callerPackage);
        }
        for (String p : extraPackages) {
            allowList = allowList.allowPackage(p);
        }
        return Codecs.defaults(allowList);
    }
}
