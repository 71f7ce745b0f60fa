package org.nativeipc.queue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.nativeipc.internal.liveness.Liveness;
import org.nativeipc.internal.memory.RegionFolder;

/** What the large-element tests look at: side files in the shared folder, and elements too large to compare whole. */
final class SideFileChecks {
    /**
     * How long the tests wait for children that fill, send and check hundreds of MiB: under a load
     * of ~40 on two cores a 1 GiB round took more than a minute.
     */
    static final Duration LARGE_TIMEOUT = Duration.ofMinutes(5);

    private SideFileChecks() {
    }

    /** Side files that name the process {@code token} (as writer or as owner): the tests' own only. */
    static List<String> sideFilesOf(long token) {
        String hex = String.format("%016x", token);
        try (Stream<Path> files = Files.list(RegionFolder.folder())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.contains("-side-") && n.contains(hex))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Side files that this process owns (elements of its queues and pipes in flight). */
    static List<String> ownSideFiles() {
        return sideFilesOf(Liveness.self());
    }

    /** The byte {@link #filled} puts at {@code index}. */
    static byte expected(int index, int seed) {
        return (byte) (index * 31 + seed + (index >>> 20));
    }

    /** An array of {@code length} bytes, each {@link #expected}. */
    static byte[] filled(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = expected(i, seed);
        }
        return b;
    }

    /** "length ok", or where {@code b} first differs from {@link #filled}. */
    static String check(byte[] b, int seed) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] != expected(i, seed)) {
                return b.length + " bytes, first wrong at " + i;
            }
        }
        return b.length + " ok";
    }
}
