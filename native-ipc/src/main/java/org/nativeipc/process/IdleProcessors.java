package org.nativeipc.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How many processors sat idle between two looks at the machine's CPU time counters
 * ({@code /proc/stat} on Linux; elsewhere unknown). The spare refill uses it to boot spare JVMs
 * only when a processor is free (see {@link SpareRefill}).
 */
final class IdleProcessors {
    private static final Path STAT = Path.of("/proc/stat");
    /** The first line of {@code /proc/stat}: all processors together. */
    private static final String ALL_PROCESSORS = "cpu ";
    /** Fields of that line counted: user nice system idle iowait irq softirq steal (guest time is inside user). */
    private static final int COUNTED_FIELDS = 8;
    private static final int IDLE_FIELD = 3;
    private static final int IOWAIT_FIELD = 4;

    /** One look: CPU time of all processors and the part of it they were idle, in clock ticks. */
    record Look(long total, long idle) {
    }

    private IdleProcessors() {
    }

    /** The counters now; null where they cannot be read (not Linux). */
    static Look look() {
        try (BufferedReader in = Files.newBufferedReader(STAT)) {
            return parse(in.readLine());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The counters of {@code /proc/stat}'s first line; null if it is not that line. */
    static Look parse(String line) {
        if (line == null || !line.startsWith(ALL_PROCESSORS)) {
            return null;
        }
        String[] fields = line.substring(ALL_PROCESSORS.length()).strip().split("\\s+");
        if (fields.length < COUNTED_FIELDS) {
            return null;
        }
        long total = 0;
        for (int i = 0; i < COUNTED_FIELDS; i++) {
            total += Long.parseLong(fields[i]);
        }
        return new Look(total, Long.parseLong(fields[IDLE_FIELD]) + Long.parseLong(fields[IOWAIT_FIELD]));
    }

    /**
     * Processors' worth of idle time between two looks, of {@code processors} processors: 0 for a
     * machine that was busy throughout, {@code processors} for one that was idle; NaN if unknown
     * (a look missing, or no time passed).
     */
    static double idleBetween(Look before, Look after, int processors) {
        if (before == null || after == null || after.total() <= before.total()) {
            return Double.NaN;
        }
        return (double) (after.idle() - before.idle()) / (after.total() - before.total()) * processors;
    }
}
