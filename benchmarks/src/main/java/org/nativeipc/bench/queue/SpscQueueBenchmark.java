package org.nativeipc.bench.queue;

import org.nativeipc.queue.SpscRing;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * native-ipc's single-producer/single-consumer queue, one process → one process (see
 * {@link OneToOneQueueBenchmark}): {@link #rawBytes} over an {@link SpscRing} of
 * {@code ringBytes} of data (as Agrona's {@code OneToOneRingBuffer} row), {@link #objects} over
 * a {@code SharedQueue<byte[]>} built with {@code producers(1).consumers(1)}, and
 * {@link #objectsOneThreadPerSide} over one built with {@code oneThreadPerSide()} as well (no
 * turn-taking between threads of a process: one JMH thread produces, one child thread consumes).
 */
public class SpscQueueBenchmark extends OneToOneQueueBenchmark {
    private static final String ONE_THREAD_PER_SIDE = "objectsOneThreadPerSide";

    @Override
    void startSides(String method, String controlPath) {
        if (method.equals("rawBytes")) {
            ring = SpscRing.create(ringBytes);
        } else {
            queue = QueueSides.objectQueue(true, method.equals(ONE_THREAD_PER_SIDE), size, ringBytes, 1);
        }
        startConsumer(method, controlPath);
    }

    @Benchmark
    public void objectsOneThreadPerSide() {
        objects();
    }
}
