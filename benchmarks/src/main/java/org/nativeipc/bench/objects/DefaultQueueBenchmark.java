package org.nativeipc.bench.objects;

import org.nativeipc.bench.support.SharedMemoryPeak;
import org.nativeipc.queue.SharedQueue;
import org.openjdk.jmh.annotations.Param;

/**
 * A queue exactly as a new user makes and uses it, with no tuning: {@code SharedQueue.create(16)}
 * or {@code create(1024)}, the default codec, blocking {@code put} in this JVM (measured: values
 * put per second; a full queue makes it wait), blocking {@code take} in a child JVM that checks
 * every sequence number (see {@link OneToOneRun}). Payloads ({@link Payloads}): an
 * {@code Integer}, a 64-character String, a 64 KiB {@code byte[]}, a 16 MiB {@code byte[]} (more
 * than a default queue's ring takes: it goes through a side file), each built per message. The
 * trial fails unless every value arrived exactly once, in order. The shared memory the queue
 * holds (its ring file and the side files of elements in flight) is sampled while it runs and
 * its peak printed for the report ({@link SharedMemoryPeak}).
 */
public class DefaultQueueBenchmark extends PutTakeBenchmark {
    @Param({"integer", "string64", "bytes64k", "bytes16m"})
    String payload;
    @Param({"16", "1024"})
    int capacity;

    @Override
    SharedQueue<Object> newQueue() {
        return SharedQueue.create(capacity);
    }

    @Override
    String payload() {
        return payload;
    }

    @Override
    String runName() {
        return "default-queue";
    }
}
