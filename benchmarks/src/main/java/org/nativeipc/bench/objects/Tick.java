package org.nativeipc.bench.objects;

/** The record of the "objects" rows: a market tick, as an application would send one. */
public record Tick(long seq, double price, String symbol) implements java.io.Serializable {
}
