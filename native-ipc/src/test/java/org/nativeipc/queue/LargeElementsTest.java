package org.nativeipc.queue;

import static org.junit.jupiter.api.Assertions.*;
import static org.nativeipc.queue.SideFileChecks.*;
import static org.nativeipc.testing.ChildAssertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.nativeipc.process.ChildProcess;

/**
 * Elements larger than the ring, across processes: a 1 GiB byte[] through a default queue and a
 * default pipe (producer and consumer in children whose heap holds the array once, not twice: it
 * goes from the producer's array to the file and from the file into the consumer's array), a
 * 100 MiB record through both, and nothing left behind.
 */
class LargeElementsTest extends WithChildren {
    private static final int GIB = 1 << 30;
    /**
     * A 1 GiB record needs about 2 GiB of heap at once (the record and its encoding, or the copy
     * read back and the decoded record), in the old generation of children's serial collector (2/3 of the heap).
     */
    private static final String HEAP = "-Xmx5g";
    /**
     * A 1 GiB array needs 1 GiB of heap on each side (old generation 1.33 GiB): with an encoding
     * buffer or a copy read back it would need 2 GiB and fail with an OutOfMemoryError.
     */
    private static final String ARRAY_HEAP = "-Xmx2g";
    private static final int PAGES = 1600;
    private static final int PAGE_CHARS = 64 << 10;

    /** A 100 MiB object of the kind the default codec writes structurally. */
    record Catalogue(String title, List<String> pages) {
    }

    @Test
    void oneGibibyteArrayPassesADefaultQueueBetweenTwoChildren() throws Exception {
        try (SharedQueue<byte[]> q = SharedQueue.create(16); SharedQueue<String> results = SharedQueue.create(4)) {
            ChildProcess producer = start(new ChildProcess(() -> q.put(filled(GIB, 7))).jvmOptions(ARRAY_HEAP));
            ChildProcess consumer = start(new ChildProcess(() -> results.put(check(q.take(), 7))).jvmOptions(ARRAY_HEAP));
            assertEquals(GIB + " ok", results.poll(LARGE_TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the consumer's report");
            assertEquals(0, joinWithin(producer, LARGE_TIMEOUT), "the producer's exit code");
            assertEquals(0, joinWithin(consumer, LARGE_TIMEOUT), "the consumer's exit code");
            assertEquals(List.of(), ownSideFiles(), "side files of this queue left behind");
            assertEquals(0, q.size());
        }
    }

    @Test
    void oneGibibyteArrayPassesADefaultPipeBetweenTwoChildren() throws Exception {
        try (Pipe pipe = Pipe.open(); SharedQueue<String> results = SharedQueue.create(4)) {
            Connection sender = pipe.right();
            Connection receiver = pipe.left();
            ChildProcess producer = start(new ChildProcess(() -> sender.send(filled(GIB, 9))).jvmOptions(ARRAY_HEAP));
            ChildProcess consumer = start(new ChildProcess(() -> results.put(check((byte[]) receiver.recv(), 9))).jvmOptions(ARRAY_HEAP));
            assertEquals(GIB + " ok", results.poll(LARGE_TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the receiver's report");
            assertEquals(0, joinWithin(producer, LARGE_TIMEOUT), "the producer's exit code");
            assertEquals(0, joinWithin(consumer, LARGE_TIMEOUT), "the consumer's exit code");
            assertEquals(List.of(), ownSideFiles(), "side files of this pipe left behind");
        }
    }

    @Test
    void hundredMebibyteRecordPassesADefaultQueueAndPipeBothWays() throws Exception {
        Catalogue catalogue = catalogue();
        try (SharedQueue<Catalogue> q = SharedQueue.create(2); Pipe pipe = Pipe.open()) {
            Connection childEnd = pipe.right();
            ChildProcess child = start(new ChildProcess(() -> {
                Catalogue made = catalogue();
                q.put(made);
                q.put(made);
                Object echoed = childEnd.recv();
                if (!made.equals(echoed)) {
                    throw new AssertionError("the pipe brought back another catalogue");
                }
                childEnd.send(made);
            }).jvmOptions(HEAP));
            assertEquals(catalogue, q.take(), "first through the queue");
            assertEquals(catalogue, q.take(), "second through the queue (the ring's slots were free again)");
            pipe.left().send(catalogue);
            assertEquals(catalogue, pipe.left().recv(), "back through the pipe");
            assertEquals(0, joinWithin(child, LARGE_TIMEOUT), "the child's exit code");
            assertEquals(List.of(), ownSideFiles(), "side files left behind");
        }
    }

    static Catalogue catalogue() {
        List<String> pages = new ArrayList<>(PAGES);
        for (int p = 0; p < PAGES; p++) {
            pages.add(String.valueOf((char) ('a' + p % 26)).repeat(PAGE_CHARS - 8) + String.format("%08d", p));
        }
        return new Catalogue("catalogue of " + PAGES + " pages", pages);
    }
}
