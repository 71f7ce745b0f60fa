package org.nativeipc.bench.objects;

import org.nativeipc.bench.support.ControlBlock;
import org.nativeipc.bench.support.MappedFile;
import org.nativeipc.bench.support.PeerChildren;
import org.nativeipc.bench.support.SharedMemoryPeak;
import org.nativeipc.queue.SharedQueue;

/**
 * The 1→1 run of {@link DefaultQueueBenchmark} and {@link TunedQueueBenchmark}: blocking
 * {@code put} of {@link Payloads} in this JVM, blocking {@code take} in a child JVM that checks
 * every sequence number ({@link ObjectSides#consume}), and the queue's shared memory sampled
 * while it runs ({@link SharedMemoryPeak}). The two benchmarks differ only in how they build
 * the queue.
 */
final class OneToOneRun {
    private final MappedFile file;
    private final PeerChildren children;
    private final ControlBlock control;
    private final SharedQueue<Object> queue;
    private final SharedMemoryPeak memory;
    private final String payload;
    private long sent;

    /** Starts the consumer child of {@code queue} (closed by {@link #stop}) and waits until it is ready. */
    OneToOneRun(String name, SharedQueue<Object> queue, String payload) {
        this.queue = queue;
        this.payload = payload;
        file = MappedFile.create(name + "-control", ControlBlock.BYTES);
        control = new ControlBlock(file.buffer()).reset();
        children = new PeerChildren(control);
        String controlPath = file.path();
        try {
            children.start(name + "-consumer", () -> ObjectSides.consume(controlPath, queue));
            children.awaitReady();
        } catch (RuntimeException | Error e) {
            queue.close();
            file.close();
            throw e;
        }
        memory = new SharedMemoryPeak().start();
    }

    /** Puts the next value (waits while the queue is full). */
    void putNext() throws InterruptedException {
        queue.put(Payloads.of(payload, sent));
        sent++;
    }

    /** Reports the memory peak, closes the queue, and checks that the consumer took every value in order. */
    void stop() throws InterruptedException {
        try {
            memory.stopAndReport();
            control.set(ControlBlock.STOP_AT, sent);
            queue.close();
            children.stopAndCheck(sent, 0);
        } finally {
            queue.close();
            file.close();
        }
    }
}
