package org.nativeipc.examples.services;

import java.nio.file.Files;

import org.nativeipc.queue.Connection;
import org.nativeipc.queue.Pipe;
import org.nativeipc.queue.SharedQueue;
import org.nativeipc.sync.SharedLock;

/**
 * A program started on its own that publishes orders to the named queue "orders", reads the
 * worker's confirmations from the named pipe "order-replies", then reads the summary the worker
 * keeps under the named lock "order-summary-lock". Start {@link OrderWorker} in another
 * terminal, before or after this one:
 *
 * <pre>
 * java -cp examples/target/examples.jar org.nativeipc.examples.services.OrderWorker
 * java -cp examples/target/examples.jar org.nativeipc.examples.services.OrderPublisher 5
 * </pre>
 *
 * When it is done it tells the worker to stop and unlinks the three names (named objects live
 * until unlinked, like POSIX shared memory; {@code nipc list} shows them meanwhile).
 */
public final class OrderPublisher {
    private static final String[] ITEMS = {"widget", "gadget", "sprocket"};
    private static final long UNIT_PRICE_CENTS = 250;

    private OrderPublisher() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        try (SharedQueue<Order> orders = Services.orders(); Pipe replies = Services.replies();
             SharedLock summaryLock = Services.summaryLock()) {
            summaryLock.lock();
            try {
                Files.deleteIfExists(Services.summaryFile()); // a fresh summary for this round
            } finally {
                summaryLock.unlock();
            }
            for (int id = 1; id <= count; id++) {
                orders.put(new Order(id, ITEMS[id % ITEMS.length], id, UNIT_PRICE_CENTS));
            }
            System.out.println("published " + count + " orders");
            Connection fromWorker = replies.left();
            for (int i = 0; i < count; i++) {
                System.out.println("worker: " + fromWorker.recv());
            }
            summaryLock.lock();
            try {
                System.out.println("summary: " + Files.readString(Services.summaryFile()).trim());
            } finally {
                summaryLock.unlock();
            }
            orders.put(Order.stop());
        }
        System.out.println("done: unlinked " + (SharedQueue.unlink(Services.ORDERS) & Pipe.unlink(Services.REPLIES)
                & SharedLock.unlink(Services.SUMMARY_LOCK) ? "all three names" : "what was left"));
    }
}
