package org.nativeipc.examples.services;

/**
 * An order, as the publisher sends it to the worker through the named queue "orders". A record
 * of this package: the default codec writes and reads it with no configuration, since both
 * programs are in this package.
 *
 * @param id the order's number; {@link #STOP} ends the worker
 * @param item what is ordered
 * @param quantity how many
 * @param unitPrice price of one, in cents
 */
public record Order(long id, String item, int quantity, long unitPrice) {
    /** The id of the order that tells the worker to stop. */
    public static final long STOP = -1;

    /** The order that tells the worker to stop. */
    public static Order stop() {
        return new Order(STOP, "", 0, 0);
    }

    /** Quantity times unit price, in cents. */
    public long total() {
        return quantity * unitPrice;
    }
}
