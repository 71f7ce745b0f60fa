package org.nativeipc.bench.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.nativeipc.internal.liveness.Liveness;
import org.nativeipc.internal.posix.SharedFolder;

/**
 * The shared memory a benchmark's own objects hold: the bytes of the files in the shared folder
 * this process created or owns (a queue's ring file, the side files of the large elements in it:
 * their names start {@code nipc-<this process's token>-}). Files in {@code /dev/shm} are memory,
 * and native-ipc writes every byte of each such file when it makes it, so a file's size is what
 * it holds. A daemon thread samples it every {@value #SAMPLE_INTERVAL_MS} ms while the trial
 * runs (a directory listing: negligible beside the benchmark); the peak is printed at the end as
 * {@value #LOG_PREFIX}{@code <bytes> bytes}, a line the comparison report reads from the JMH log.
 */
public final class SharedMemoryPeak {
    /** The start of the line the report looks for (benchmarks/report/results.py). */
    public static final String LOG_PREFIX = "native-ipc shared memory: peak ";
    static final long SAMPLE_INTERVAL_MS = 100;

    private final String ownPrefix = SharedFolder.FILE_PREFIX + String.format("%016x-", Liveness.self());
    private final Thread sampler = new Thread(this::sampleUntilStopped, "shared-memory-sampler");
    private volatile boolean stopped;
    private volatile long peakBytes;

    /** Starts sampling (call once the measured objects exist). */
    public SharedMemoryPeak start() {
        sampler.setDaemon(true);
        sampler.start();
        return this;
    }

    /**
     * Stops sampling and prints the peak for the report (the JMH log keeps a forked benchmark's
     * standard output). Call before the measured objects are closed.
     */
    public void stopAndReport() throws InterruptedException {
        stopped = true;
        sampler.interrupt();
        sampler.join();
        System.out.println(LOG_PREFIX + peakBytes + " bytes (ring file + side files of elements in flight)");
    }

    private void sampleUntilStopped() {
        while (!stopped) {
            peakBytes = Math.max(peakBytes, ownBytes());
            try {
                Thread.sleep(SAMPLE_INTERVAL_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private long ownBytes() {
        try (Stream<Path> files = Files.list(SharedFolder.path())) {
            return files.filter(f -> f.getFileName().toString().startsWith(ownPrefix)).mapToLong(SharedMemoryPeak::sizeOrZero).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the shared folder " + SharedFolder.path(), e);
        }
    }

    private static long sizeOrZero(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // taken (and removed) by the consumer while we listed
        }
    }
}
