package org.example.unlisted;

import java.io.Serializable;

import org.nativeipc.queue.SharedQueue;

/**
 * A user type outside this library's packages and outside the tests' package: the default
 * deserialization allow-list of a queue created elsewhere refuses it.
 */
public record Parcel(String label, int weight) implements Serializable {

    /** A queue created from this package: its default allow-list includes this package. */
    public static <E> SharedQueue<E> queueCreatedHere(int capacity) {
        return SharedQueue.create(capacity);
    }
}
