package org.nativeipc.queue.versions;

/**
 * A record of which the tests compile another version at run time (a component added and one
 * retyped) and load it in a child before this one: two processes with two shapes of one class.
 */
public record Quote(long seq, double price, String venue) {
}
