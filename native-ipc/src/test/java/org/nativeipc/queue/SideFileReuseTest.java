package org.nativeipc.queue;

import static org.junit.jupiter.api.Assertions.*;
import static org.nativeipc.queue.SideFileChecks.*;
import static org.nativeipc.testing.ChildAssertions.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.nativeipc.internal.liveness.Liveness;
import org.nativeipc.internal.memory.RegionFolder;
import org.nativeipc.process.ChildProcess;
import org.nativeipc.testing.Polling;

/**
 * A large element's side file is handed back to its queue once taken and overwritten by the next
 * put (a spare), instead of being removed and made anew per element; spares go when the queue is
 * closed, and when not taken for a second.
 */
class SideFileReuseTest extends WithChildren {
    private static final int ELEMENTS = 16;
    private static final int ELEMENT_BYTES = 3 << 20;

    @Test
    void takenFilesAreReusedByTheProducerAndSparesGoOnceIdle() throws Exception {
        String done = file("done");
        try (SharedQueue<byte[]> q = SharedQueue.create(1)) {
            ChildProcess producer = start(new ChildProcess(() -> {
                for (int i = 0; i < ELEMENTS; i++) {
                    q.put(filled(ELEMENT_BYTES, i));
                }
                Polling.awaitFileLine(Path.of(done), CHILD_TIMEOUT); // its close would remove the spares
            }));
            String held = String.format("nipc-%016x-held-", Liveness.self());
            Set<Long> inodes = new HashSet<>();
            for (int i = 0; i < ELEMENTS; i++) {
                awaitTrue(() -> !filesStartingWith(held).isEmpty(), "element " + i + " in a side file");
                for (String name : filesStartingWith(held)) {
                    inodes.add(inodeOf(name));
                }
                assertEquals(ELEMENT_BYTES + " ok", check(q.take(), i), "element " + i);
            }
            String spares = spareNamePrefix(q);
            assertFalse(filesStartingWith(spares).isEmpty(), "the last taken file waits as a spare of the queue");
            assertTrue(inodes.size() < ELEMENTS / 2, ELEMENTS + " elements were carried by " + inodes.size()
                    + " files (inodes): taken files are reused, not made anew per element");
            awaitTrue(() -> filesStartingWith(spares).isEmpty(), "the spare removed after a second without a put");
            Polling.appendLine(done, "done");
            assertExitsOk(producer);
            byte[] next = filled(ELEMENT_BYTES, ELEMENTS);
            q.put(next);
            assertArrayEquals(next, q.take(), "the queue goes on once its spares are gone");
        }
    }

    @Test
    void closingTheQueueRemovesItsSpares() throws Exception {
        String spares;
        try (SharedQueue<byte[]> q = SharedQueue.create(4)) {
            spares = spareNamePrefix(q);
            ChildProcess producer = start(new ChildProcess(() -> q.put(filled(ELEMENT_BYTES, 1))));
            assertExitsOk(producer);
            assertEquals(ELEMENT_BYTES + " ok", check(q.take(), 1));
            assertEquals(1, filesStartingWith(spares).size(), "the taken file waits as a spare: " + filesStartingWith(spares));
        }
        assertEquals(List.of(), filesStartingWith(spares), "closing the queue removes its spares");
        assertEquals(List.of(), ownSideFiles());
    }

    /** The start of the names of the spares of {@code q}, an anonymous queue of this process. */
    private static String spareNamePrefix(SharedQueue<?> q) {
        return String.format("nipc-%016x-spare-%x-", Liveness.self(), q.ring.region.inode());
    }

    private static long inodeOf(String fileName) {
        try {
            return ((Number) Files.getAttribute(RegionFolder.folder().resolve(fileName), "unix:ino", LinkOption.NOFOLLOW_LINKS)).longValue();
        } catch (NoSuchFileException e) {
            throw new AssertionError(fileName + " went while this process, its only consumer, did not take it", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> filesStartingWith(String prefix) {
        try (Stream<Path> files = Files.list(RegionFolder.folder())) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(prefix)).collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
