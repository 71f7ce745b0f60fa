package org.nativeipc.examples.services;

import java.nio.file.Files;
import java.nio.file.Path;

import org.nativeipc.queue.Connection;
import org.nativeipc.queue.Pipe;
import org.nativeipc.queue.SharedQueue;
import org.nativeipc.sync.SharedLock;

/**
 * A program started on its own (by hand, systemd or a container) that takes orders from the
 * named queue "orders", adds each to a summary file under the named lock "order-summary-lock",
 * and confirms it through the named pipe "order-replies". It stops at the publisher's stop
 * order. See {@link OrderPublisher} for the two commands.
 */
public final class OrderWorker {
    private OrderWorker() {
    }

    public static void main(String[] args) throws Exception {
        Path summary = Services.summaryFile();
        try (SharedQueue<Order> orders = Services.orders(); Pipe replies = Services.replies();
             SharedLock summaryLock = Services.summaryLock()) {
            System.out.println("worker ready: waiting for orders");
            Connection toPublisher = replies.right();
            int handled = 0;
            for (Order order = orders.take(); order.id() != Order.STOP; order = orders.take()) {
                summaryLock.lock();
                try {
                    long[] totals = read(summary);
                    Files.writeString(summary, (totals[0] + 1) + " orders, " + (totals[1] + order.total()) + " cents\n");
                } finally {
                    summaryLock.unlock();
                }
                toPublisher.send("order " + order.id() + ": " + order.quantity() + " x " + order.item() + " confirmed");
                handled++;
            }
            System.out.println("worker stops after " + handled + " orders");
        }
    }

    /** Orders and cents so far: "3 orders, 1500 cents", or none yet. */
    private static long[] read(Path summary) throws Exception {
        if (!Files.exists(summary)) {
            return new long[2];
        }
        String[] words = Files.readString(summary).trim().split(" ");
        return new long[] {Long.parseLong(words[0]), Long.parseLong(words[2])};
    }
}
