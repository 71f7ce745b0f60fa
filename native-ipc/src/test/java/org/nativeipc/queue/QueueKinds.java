package org.nativeipc.queue;

import org.nativeipc.codec.Codec;

/**
 * The rings a queue can run on (and the single-producer ring with one thread per side);
 * behaviour tests run over each.
 */
enum QueueKinds {
    SPSC, SPSC_ONE_THREAD_PER_SIDE, MPMC;

    /** True for the kinds over a single-producer/single-consumer ring. */
    boolean singleProducer() {
        return this != MPMC;
    }

    /** A queue of this kind. */
    <E> SharedQueue<E> create(int capacity) {
        return builder(capacity).build();
    }

    <E> SharedQueue<E> create(int capacity, int maxMessageBytes, Codec<E> codec) {
        return builder(capacity).maxMessageBytes(maxMessageBytes).codec(codec).build();
    }

    SharedQueue.Builder builder(int capacity) {
        SharedQueue.Builder b = SharedQueue.builder().capacity(capacity);
        return switch (this) {
            case SPSC -> b.producers(1).consumers(1);
            case SPSC_ONE_THREAD_PER_SIDE -> b.producers(1).consumers(1).oneThreadPerSide();
            case MPMC -> b;
        };
    }
}
