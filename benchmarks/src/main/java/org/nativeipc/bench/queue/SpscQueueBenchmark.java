package org.nativeipc.bench.queue;

import org.nativeipc.bench.support.Messages;
import org.nativeipc.queue.MessageRing;
import org.nativeipc.queue.SpscRing;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * native-ipc's single-producer/single-consumer queue, one process → one process (see
 * {@link OneToOneQueueBenchmark}): {@link #rawBytes} over an {@link SpscRing} of
 * {@code ringBytes} of data (as Agrona's {@code OneToOneRingBuffer} row), {@link #objects} over
 * a {@code SharedQueue<byte[]>} built with {@code producers(1).consumers(1)}, and
 * {@link #objectsOneThreadPerSide} over one built with {@code oneThreadPerSide()} as well (no
 * turn-taking between threads of a process: one JMH thread produces, one child thread consumes),
 * and {@link #zeroCopy} over the same ring as {@link #rawBytes}, written in place
 * ({@code tryClaim}, the stamp, {@code commit}) and read in place ({@code controlledRead}), as
 * Agrona's {@code OneToOneRingBuffer} row {@code tryClaim}.
 */
public class SpscQueueBenchmark extends OneToOneQueueBenchmark {
    private static final String ONE_THREAD_PER_SIDE = "objectsOneThreadPerSide";
    private static final String ZERO_COPY = "zeroCopy";

    @Override
    void startSides(String method, String controlPath) {
        if (method.equals("rawBytes") || method.equals(ZERO_COPY)) {
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

    /** Claims {@code size} bytes, writes the stamp in place (the rest is left as it is), commits. */
    @Benchmark
    public void zeroCopy() {
        int attempt = 0;
        int index;
        while ((index = ring.tryClaim(size)) == MessageRing.INSUFFICIENT_CAPACITY) {
            QueueSides.idleWhileFull(++attempt, children);
        }
        ring.buffer().putLong(index, Messages.stamp(0, sent));
        ring.commit(index);
        sent++;
    }
}
