package org.nativeipc.queue;

import static org.junit.jupiter.api.Assertions.*;
import static org.nativeipc.queue.SideFileChecks.*;
import static org.nativeipc.testing.ChildAssertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.nativeipc.internal.liveness.Liveness;
import org.nativeipc.internal.memory.RegionFolder;
import org.nativeipc.process.ChildProcess;
import org.nativeipc.testing.Polling;

/**
 * Crashes around elements larger than the ring: a producer SIGKILLed while it writes one, a
 * consumer SIGKILLed while it reads one, and a producer blocked with one when the queue is
 * closed. Nothing partial is delivered, the side file goes, and the queue goes on working.
 */
class LargeElementCrashTest extends WithChildren {
    /** Large enough that writing or reading it takes a while (the kill lands in the middle). */
    private static final int HALF_GIB = 1 << 29;
    private static final String HEAP = "-Xmx3g";
    private static final int AFTERWARDS = 3 << 20;

    @Test
    void producerKilledWhileWritingDeliversNothingAndItsFileIsRemoved() throws Exception {
        try (SharedQueue<byte[]> q = SharedQueue.create(4)) {
            String tokenFile = file("token");
            ChildProcess producer = start(new ChildProcess(() -> {
                Polling.appendLine(tokenFile, Long.toString(Liveness.self()));
                q.put(filled(HALF_GIB, 3));
            }).jvmOptions(HEAP));
            long token = Long.parseLong(Polling.awaitFileLine(Path.of(tokenFile), CHILD_TIMEOUT).trim());
            String writing = String.format("nipc-%016x-side-", token);
            Polling.awaitTrue("the producer writing its side file", LARGE_TIMEOUT,
                    () -> sideFilesOf(token).stream().anyMatch(n -> n.startsWith(writing)));
            producer.kill();
            joinWithin(producer, CHILD_TIMEOUT);
            assertNull(q.poll(), "nothing of the killed producer's element is visible");
            assertEquals(0, q.size());
            byte[] next = filled(AFTERWARDS, 4);
            awaitTrue(() -> {
                putAndTake(q, next); // each large put scans for dead writers' files, at most once a second
                return sideFilesOf(token).isEmpty();
            }, "the dead producer's side file removed (left: " + sideFilesOf(token) + ")");
            assertEquals(List.of(), ownSideFiles());
        }
    }

    @Test
    void consumerKilledWhileReadingLeavesNoFileAndTheQueueWorks() throws Exception {
        try (SharedQueue<byte[]> q = SharedQueue.create(4)) {
            ChildProcess producer = start(new ChildProcess(() -> q.put(filled(HALF_GIB, 5))).jvmOptions(HEAP));
            assertEquals(0, joinWithin(producer, LARGE_TIMEOUT), "the producer's exit code");
            String held = String.format("nipc-%016x-held-", Liveness.self());
            assertTrue(ownSideFiles().stream().anyMatch(n -> n.startsWith(held)),
                    "the element waits in a file this process (the queue's creator) owns: " + ownSideFiles());
            ChildProcess consumer = start(new ChildProcess(() -> {
                q.take();
                Thread.sleep(CHILD_TIMEOUT.toMillis()); // holds it until killed
            }).jvmOptions(HEAP));
            Polling.awaitTrue("the consumer opening (and unlinking) the side file", LARGE_TIMEOUT, () -> ownSideFiles().isEmpty());
            consumer.kill();
            joinWithin(consumer, CHILD_TIMEOUT);
            assertEquals(0, q.size(), "the element was taken, once");
            putAndTake(q, filled(AFTERWARDS, 6));
            assertEquals(List.of(), ownSideFiles());
        }
    }

    @Test
    void closingWakesAProducerBlockedWithALargeElementAndRemovesItsFile() throws Exception {
        String tokenFile = file("token");
        String report = file("report");
        try (SharedQueue<byte[]> q = SharedQueue.create(1)) {
            q.put(new byte[1]);
            ChildProcess producer = start(new ChildProcess(() -> {
                Polling.appendLine(tokenFile, Long.toString(Liveness.self()));
                try {
                    q.put(filled(AFTERWARDS, 7));
                    Polling.appendLine(report, "put returned on a full queue");
                } catch (IllegalStateException expected) {
                    Polling.appendLine(report, "woken; side files left: " + sideFilesOf(Liveness.self()));
                }
            }));
            long token = Long.parseLong(Polling.awaitFileLine(Path.of(tokenFile), CHILD_TIMEOUT).trim());
            String held = String.format("nipc-%016x-held-%016x", Liveness.self(), token);
            awaitTrue(() -> ownSideFiles().stream().anyMatch(n -> n.startsWith(held)), "the producer's element handed over, waiting for room");
            q.close();
            assertEquals("woken; side files left: []", Polling.awaitFileLine(Path.of(report), CHILD_TIMEOUT).trim());
            assertExitsOk(producer);
        }
        assertEquals(List.of(), ownSideFiles());
    }

    @Test
    void aNamedQueuesElementStaysWhileTheQueueIsUsedAndGoesWithIt() throws Exception {
        String name = "large-elements-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        SharedQueue<byte[]> q = SharedQueue.builder().name(name).capacity(4).build();
        try {
            ChildProcess producer = start(new ChildProcess(() -> SharedQueue.<byte[]>open(name).put(filled(AFTERWARDS, 8))));
            assertEquals(0, joinWithin(producer, LARGE_TIMEOUT), "the producer's exit code");
            String held = "nipc-r" + Long.toHexString(q.ring.region.inode()) + "-held-";
            List<String> elements = filesStartingWith(held);
            assertEquals(1, elements.size(), "the element waits in a file the queue's file owns, not its dead writer: " + elements);
            RegionFolder.removeOrphans();
            assertTrue(exists(elements.get(0)), "a scan keeps it while the name is there, though its writer died");
            assertTrue(SharedQueue.unlink(name));
            RegionFolder.removeOrphans();
            assertTrue(exists(elements.get(0)), "a scan keeps it while a process still holds the unlinked queue");
            assertArrayEquals(filled(AFTERWARDS, 8), q.peek(), "the queue still reaches it");
            q.close();
            RegionFolder.removeOrphans();
            assertFalse(exists(elements.get(0)), "a scan removes it once the queue is gone and nobody holds it");
        } finally {
            q.close();
            SharedQueue.unlink(name);
        }
    }

    private static boolean exists(String fileName) {
        return Files.exists(RegionFolder.folder().resolve(fileName));
    }

    private static List<String> filesStartingWith(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(RegionFolder.folder())) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(prefix)).collect(Collectors.toList());
        }
    }

    private static void putAndTake(SharedQueue<byte[]> q, byte[] element) {
        try {
            q.put(element);
            assertArrayEquals(element, q.take(), "the queue carries large elements afterwards");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
