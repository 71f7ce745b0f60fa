package org.nativeipc.bench.queue;

import org.nativeipc.queue.SpscRing;

/**
 * native-ipc's single-producer/single-consumer queue, one process → one process (see
 * {@link OneToOneQueueBenchmark}): {@link #rawBytes} over an {@link SpscRing} of
 * {@code ringBytes} of data (as Agrona's {@code OneToOneRingBuffer} row), {@link #objects} over
 * a {@code SharedQueue<byte[]>} built with {@code producers(1).consumers(1)}.
 */
public class SpscQueueBenchmark extends OneToOneQueueBenchmark {

    @Override
    void startSides(String method, String controlPath) {
        if (method.equals("rawBytes")) {
            ring = SpscRing.create(ringBytes);
        } else {
            queue = QueueSides.objectQueue(true, size, ringBytes, 1);
        }
        startConsumer(method, controlPath);
    }
}
