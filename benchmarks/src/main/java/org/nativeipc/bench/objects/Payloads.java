package org.nativeipc.bench.objects;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The three values of the "objects" rows, the same on every side (the Python side builds the
 * equivalent tuple, string and dict): a {@link Tick}, a 64-character ASCII string, and a
 * {@code Map<String, Long>} of 8 entries.
 */
public final class Payloads {
    /** Characters of the string payload. */
    public static final int STRING_CHARS = 64;
    /** Entries of the map payload. */
    public static final int MAP_ENTRIES = 8;
    /** Bytes of the byte[] payload; its first 8 bytes hold the sequence number (little-endian, as on the Python side). */
    public static final int BYTES_PAYLOAD = 64 * 1024;
    /** Bytes of the large byte[] payload (larger than a default queue's ring takes: it travels in a side file). */
    public static final int LARGE_BYTES_PAYLOAD = 16 << 20;

    private Payloads() {
    }

    /**
     * The payload named {@code name} ("tick", "string64", "map8"; "integer", an Integer,
     * "bytes64k", a 64 KiB byte[], and "bytes16m", a 16 MiB byte[], for the default-queue rows; or "long", a boxed Long: the
     * queue's own cost, for comparison) for message {@code sequence}.
     */
    public static Object of(String name, long sequence) {
        switch (name) {
            case "long":
                return sequence;
            case "integer":
                return (int) sequence;
            case "bytes64k":
                return stamped(new byte[BYTES_PAYLOAD], sequence);
            case "bytes16m":
                return stamped(new byte[LARGE_BYTES_PAYLOAD], sequence);
            case "tick":
                return new Tick(sequence, 100.0 + (sequence & 1023) * 0.25, "ACME");
            case "string64": {
                String digits = Long.toString(sequence);
                return "s".repeat(STRING_CHARS - digits.length()) + digits;
            }
            case "map8": {
                Map<String, Long> map = new LinkedHashMap<>();
                for (int i = 0; i < MAP_ENTRIES; i++) {
                    map.put("field" + i, sequence + i);
                }
                return map;
            }
            default:
                throw new IllegalArgumentException("unknown payload " + name + ": give tick, string64, map8, integer, bytes64k, bytes16m or long");
        }
    }

    private static byte[] stamped(byte[] bytes, long sequence) {
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, sequence);
        return bytes;
    }

    /** The sequence number a payload of {@link #of} carries (to check order and completeness). */
    public static long sequenceOf(Object payload) {
        if (payload instanceof Long l) {
            return l;
        }
        if (payload instanceof Integer i) {
            return Integer.toUnsignedLong(i);
        }
        if (payload instanceof byte[] b) {
            return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        }
        if (payload instanceof Tick t) {
            return t.seq();
        }
        if (payload instanceof String s) {
            return Long.parseLong(s.substring(s.lastIndexOf('s') + 1));
        }
        if (payload instanceof Map<?, ?> m) {
            return (Long) m.get("field0");
        }
        throw new IllegalArgumentException("not a payload: " + payload);
    }
}
