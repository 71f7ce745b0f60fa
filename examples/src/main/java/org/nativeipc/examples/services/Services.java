package org.nativeipc.examples.services;

import java.nio.file.Path;

import org.nativeipc.queue.Pipe;
import org.nativeipc.queue.SharedQueue;
import org.nativeipc.sync.SharedLock;

/**
 * What {@link OrderPublisher} and {@link OrderWorker} share: the names of their objects, and how
 * each of them gets the objects — {@code openOrCreate}, so that either program may start first.
 */
final class Services {
    /** The named queue of orders, publisher to worker. */
    static final String ORDERS = "orders";
    /** The named duplex pipe the worker answers through (the publisher holds the left end). */
    static final String REPLIES = "order-replies";
    /** The named lock guarding the summary file. */
    static final String SUMMARY_LOCK = "order-summary-lock";
    /** Orders the queue holds at most. */
    static final int QUEUE_CAPACITY = 1024;

    private Services() {
    }

    static SharedQueue<Order> orders() {
        return SharedQueue.builder().name(ORDERS).capacity(QUEUE_CAPACITY).openOrCreate();
    }

    static Pipe replies() {
        return Pipe.openOrCreate(REPLIES);
    }

    static SharedLock summaryLock() {
        return SharedLock.openOrCreate(SUMMARY_LOCK);
    }

    /** The summary both programs read and write under the lock: a small text file. */
    static Path summaryFile() {
        return Path.of(System.getProperty("orders.summary", Path.of(System.getProperty("java.io.tmpdir"),
                "native-ipc-order-summary.txt").toString()));
    }
}
