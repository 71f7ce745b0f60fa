package org.nativeipc.bench.objects;

import java.util.concurrent.TimeUnit;

import org.nativeipc.bench.support.ControlBlock;
import org.nativeipc.bench.support.MappedFile;
import org.nativeipc.bench.support.PeerChildren;
import org.nativeipc.bench.support.SharedMemoryPeak;
import org.nativeipc.queue.SharedQueue;
import org.openjdk.jmh.annotations.*;

/**
 * A queue exactly as a new user makes and uses it, with no tuning: {@code SharedQueue.create(16)}
 * or {@code create(1024)}, the default codec, blocking {@code put} in this JVM (measured: values
 * put per second; a full queue makes it wait), blocking {@code take} in a child JVM that checks
 * every sequence number (see {@link ObjectSides#consume}). Payloads ({@link Payloads}): an
 * {@code Integer}, a 64-character String, a 64 KiB {@code byte[]}, a 16 MiB {@code byte[]} (more
 * than a default queue's ring takes: it goes through a side file), each built per message. The
 * trial fails unless every value arrived exactly once, in order. The shared memory the queue
 * holds (its ring file and the side files of elements in flight) is sampled while it runs and
 * its peak printed for the report ({@link SharedMemoryPeak}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class DefaultQueueBenchmark {
    @Param({"integer", "string64", "bytes64k", "bytes16m"})
    String payload;
    @Param({"16", "1024"})
    int capacity;

    private MappedFile file;
    private ControlBlock control;
    private PeerChildren children;
    private SharedQueue<Object> queue;
    private SharedMemoryPeak memory;
    private long sent;

    @Setup(Level.Trial)
    public void setUp() {
        file = MappedFile.create("default-queue-control", ControlBlock.BYTES);
        control = new ControlBlock(file.buffer()).reset();
        children = new PeerChildren(control);
        queue = SharedQueue.create(capacity);
        SharedQueue<Object> q = queue;
        String controlPath = file.path();
        children.start("default-queue-consumer", () -> ObjectSides.consume(controlPath, q));
        children.awaitReady();
        memory = new SharedMemoryPeak().start();
    }

    @Benchmark
    public void oneToOne() throws InterruptedException {
        queue.put(Payloads.of(payload, sent));
        sent++;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        try {
            if (memory != null) {
                memory.stopAndReport();
            }
            control.set(ControlBlock.STOP_AT, sent);
            queue.close();
            children.stopAndCheck(sent, 0);
        } finally {
            queue.close();
            file.close();
        }
    }
}
