package org.nativeipc.queue;

import org.nativeipc.codec.Codec;

/** The two rings a queue can run on; behaviour tests run over both. */
enum QueueKinds {
    SPSC, MPMC;

    /** A queue of this kind. */
    <E> SharedQueue<E> create(int capacity) {
        return builder(capacity).build();
    }

    <E> SharedQueue<E> create(int capacity, int maxMessageBytes, Codec<E> codec) {
        return builder(capacity).maxMessageBytes(maxMessageBytes).codec(codec).build();
    }

    SharedQueue.Builder builder(int capacity) {
        SharedQueue.Builder b = SharedQueue.builder().capacity(capacity);
        return this == SPSC ? b.producers(1).consumers(1) : b;
    }
}
