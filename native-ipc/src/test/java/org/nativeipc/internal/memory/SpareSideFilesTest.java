package org.nativeipc.internal.memory;

import static org.junit.jupiter.api.Assertions.*;
import static org.nativeipc.testing.ChildAssertions.assertExitCode;
import static org.nativeipc.testing.ChildAssertions.assertExitsOk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nativeipc.internal.liveness.Liveness;
import org.nativeipc.internal.posix.SharedFolder;
import org.nativeipc.process.ChildProcess;
import org.nativeipc.testing.Polling;
import org.nativeipc.testing.StartedChildren;

/**
 * Spare side files ({@link SideFileSpares}) around crashes, in a private shared folder whose
 * leftovers the test checks: a writer killed after taking a spare, and a spare whose process died
 * before it could remove it. Each leaves nothing once a scan has run and the processes are gone.
 */
class SpareSideFilesTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int VERSION = 1;
    private static final long FOREVER_MILLIS = 120_000;
    private static final int ELEMENT_BYTES = 3 << 20;
    private static final long HAND_BACK_EVERY_MILLIS = 50;

    @TempDir
    Path dir;
    @RegisterExtension
    final StartedChildren children = new StartedChildren();

    @Test
    void aWriterKilledAfterTakingASpareLeavesNothingBehind() throws Exception {
        String takenReport = report("taken");
        Owner owner = new Owner(takenReport);
        String regionName = owner.regionName;
        ChildProcess writer = start(new ChildProcess(() -> {
            SharedRegion region = attach(regionName);
            Path mine = RegionFolder.folder().resolve(RegionFolder.newFileName("side", Liveness.self()));
            Polling.awaitTrue("a spare side file to take", WAIT, () -> SideFileSpares.take(region, mine));
            Polling.appendLine(takenReport, mine.getFileName().toString());
            Thread.sleep(FOREVER_MILLIS); // killed here, holding the spare under its own name
        }), owner.folder);
        String taken = Polling.awaitFileLine(Path.of(takenReport), WAIT).trim();
        assertTrue(Files.exists(owner.folder.resolve(taken)), "the writer holds the spare it took under its own name " + taken);
        writer.kill();
        assertExitCode(-9, writer);
        scan(owner.folder);
        assertFalse(Files.exists(owner.folder.resolve(taken)), "the next scan removes the spare the killed writer took");
        assertTrue(Files.exists(owner.folder.resolve(regionName)), "the scan leaves the live owner's region");
        owner.endAndCheckNothingLeft();
    }

    @Test
    void aSpareNotTakenForASecondGoesAtTheNextScanThoughItsProcessDied() throws Exception {
        String spareReport = report("spare");
        Owner owner = new Owner(null);
        String regionName = owner.regionName;
        ChildProcess consumer = start(new ChildProcess(() -> {
            SharedRegion region = attach(regionName);
            handBack(region);
            Polling.appendLine(spareReport, SideFileSpares.slot(region, 0).getFileName().toString());
            Runtime.getRuntime().halt(0); // dies before its own timer could remove the spare
        }), owner.folder);
        assertExitsOk(consumer);
        Path spare = owner.folder.resolve(Polling.awaitFileLine(Path.of(spareReport), WAIT).trim());
        assertTrue(Files.exists(spare), "the dead consumer's spare is still there");
        Polling.awaitTrue("a scan to remove the idle spare " + spare, WAIT, () -> {
            scan(owner.folder);
            return !Files.exists(spare);
        });
        assertTrue(Files.exists(owner.folder.resolve(regionName)), "its queue's region stays: the spare went for being idle");
        owner.endAndCheckNothingLeft();
    }

    /** The private folder, and a child in it that owns the region whose spares the test handles ({@link #owner}). */
    private final class Owner {
        final Path folder;
        final String regionName;
        private final String go = report("go");
        private final ChildProcess child;

        Owner(String takenReport) throws IOException {
            folder = Files.createDirectory(dir.resolve("shm"));
            String regionReport = report("region");
            child = start(owner(regionReport, takenReport, go), folder);
            regionName = Polling.awaitFileLine(Path.of(regionReport), WAIT).trim();
        }

        /** Lets the owner close its region and exit, runs a scan, and checks that the folder is empty. */
        void endAndCheckNothingLeft() {
            Polling.appendLine(go, "go");
            assertExitsOk(child);
            scan(folder);
            assertEquals(List.of(), leftovers(folder), "nothing is left once the processes are gone and a scan ran");
        }
    }

    /**
     * A child that creates a region (a queue's, as far as side files go) and reports its name; if
     * {@code takenReport} is given, hands spares back until a line in it says one was taken; then
     * waits for a line in {@code go} and closes the region.
     */
    private static ChildProcess owner(String regionReport, String takenReport, String go) {
        return new ChildProcess(() -> {
            SharedRegion region = SharedRegion.create(RegionKind.TEST, VERSION, 64, r -> { });
            Polling.appendLine(regionReport, region.path().getFileName().toString());
            while (takenReport != null && Polling.read(Path.of(takenReport)).isEmpty()) {
                if (!Files.exists(SideFileSpares.slot(region, 0))) {
                    handBack(region);
                }
                Thread.sleep(HAND_BACK_EVERY_MILLIS);
            }
            Polling.awaitFileLine(Path.of(go), WAIT);
            region.close();
        });
    }

    /** Attaches the region (in the child's folder) that the owner child created. */
    private static SharedRegion attach(String regionName) {
        return SharedRegion.attach(RegionFolder.folder().resolve(regionName), RegionKind.TEST, VERSION);
    }

    /** Writes an element into a side file of {@code region}, takes it and hands the file back (slot 0 if free). */
    private static void handBack(SharedRegion region) {
        String name = SideFiles.write(new byte[0], 0, new byte[ELEMENT_BYTES], 0, ELEMENT_BYTES, region, "test");
        SideFiles.read(name, ELEMENT_BYTES, SideFiles.Take.reusingFor(region), (fd, length) -> length);
    }

    /** Runs an orphan scan in {@code folder} (in a child: this JVM's folder is another). */
    private void scan(Path folder) {
        assertExitsOk(start(new ChildProcess(() -> RegionFolder.removeOrphans()), folder));
    }

    /** The files in {@code folder} other than live processes' liveness records. */
    private static List<String> leftovers(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !Liveness.isRecordName(n)).collect(Collectors.toList());
        } catch (IOException e) {
            throw new AssertionError("cannot list " + folder, e);
        }
    }

    private String report(String name) {
        return dir.resolve(name).toString();
    }

    private ChildProcess start(ChildProcess child, Path folder) {
        return children.track(child.jvmOptions("-D" + SharedFolder.PROPERTY + "=" + folder).start());
    }
}
