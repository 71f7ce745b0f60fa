package org.nativeipc.internal.memory;

import static org.junit.jupiter.api.Assertions.*;
import static org.nativeipc.testing.ChildAssertions.assertExitCode;
import static org.nativeipc.testing.ChildAssertions.assertExitsOk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nativeipc.internal.posix.SharedFolder;
import org.nativeipc.process.ChildProcess;
import org.nativeipc.testing.Polling;
import org.nativeipc.testing.StartedChildren;

/**
 * The orphan scan is best effort and never wrong about the living; a dead creator's region
 * goes when its last user lets go. Before, one undeletable {@code nipc-} entry made the first
 * {@code create()} of every JVM fail, and a SIGKILLed creator's files stayed until some later
 * JVM created a region.
 */
class OrphanScanTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int VERSION = 1;
    private static final long FOREVER_MILLIS = 60_000;

    @TempDir
    Path dir;
    @RegisterExtension
    final StartedChildren children = new StartedChildren();

    @Test
    void entriesTheScanCannotRemoveDoNotStopCreate() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("shm"));
        long deadCreator = ThreadLocalRandom.current().nextLong() | 1;
        String deadName = RegionFolder.newPath(RegionKind.TEST, deadCreator).getFileName().toString();
        // A non-empty directory under a dead creator's region name and under a record's name
        // (as root, permissions stop nothing: a directory with a file in it cannot be deleted).
        Path undeletable = Files.createDirectory(folder.resolve(deadName + "-dir"));
        Files.writeString(undeletable.resolve("inside"), "x");
        Path recordLike = Files.createDirectory(folder.resolve(String.format("nipc-proc-%016x", deadCreator)));
        Files.writeString(recordLike.resolve("inside"), "x");
        Path garbage = Files.writeString(folder.resolve("nipc-garbage"), "not ours to judge");
        Path orphan = Files.write(folder.resolve(deadName), new byte[256]);

        ChildProcess creator = start(new ChildProcess(() -> {
            try (SharedRegion region = SharedRegion.create(RegionKind.TEST, VERSION, 64, r -> { })) {
                region.putLong(0, 1);
            }
        }).jvmOptions("-D" + SharedFolder.PROPERTY + "=" + folder));
        assertExitsOk(creator);
        assertFalse(Files.exists(orphan), "the dead creator's region is removed");
        assertTrue(Files.isDirectory(undeletable) && Files.isDirectory(recordLike) && Files.exists(garbage),
                "what the scan cannot delete, or does not recognise, is skipped");
    }

    @Test
    void aKilledCreatorsRegionGoesWhenItsLastUserLetsGo() throws Exception {
        String report = dir.resolve("region").toString();
        ChildProcess creator = start(new ChildProcess(() -> {
            SharedRegion region = SharedRegion.create(RegionKind.TEST, VERSION, 64, r -> { });
            Polling.appendLine(report, region.path().getFileName().toString());
            Thread.sleep(FOREVER_MILLIS);
        }));
        Path path = RegionFolder.folder().resolve(Polling.awaitFileLine(Path.of(report), WAIT).trim());
        SharedRegion attached = SharedRegion.attach(path, RegionKind.TEST, VERSION);
        creator.kill();
        assertExitCode(-9, creator); // reaping it ran a scan
        RegionFolder.removeOrphans();
        assertTrue(Files.exists(path), "a region still used by a live process stays, though its creator died");
        attached.close();
        assertFalse(Files.exists(path), "the last user to let go of a dead creator's region removes it");
    }

    @Test
    void aKilledCreatorsRegionGoesWhenItsLastUserExitsOrIsKilled() throws Exception {
        String report = dir.resolve("region").toString();
        ChildProcess creator = start(new ChildProcess(() -> {
            SharedRegion region = SharedRegion.create(RegionKind.TEST, VERSION, 64, r -> { });
            Polling.appendLine(report, region.path().getFileName().toString());
            Thread.sleep(FOREVER_MILLIS);
        }));
        String name = Polling.awaitFileLine(Path.of(report), WAIT).trim();
        Path path = RegionFolder.folder().resolve(name);
        String attachedReport = dir.resolve("attached").toString();
        String go = dir.resolve("go").toString();
        ChildProcess exitingUser = start(new ChildProcess(() -> {
            SharedRegion.attach(RegionFolder.folder().resolve(name), RegionKind.TEST, VERSION); // never closed
            Polling.appendLine(attachedReport, "exiting user");
            Polling.awaitFileLine(Path.of(go), WAIT);
        }));
        ChildProcess killedUser = start(new ChildProcess(() -> {
            SharedRegion.attach(RegionFolder.folder().resolve(name), RegionKind.TEST, VERSION);
            Polling.appendLine(attachedReport, "killed user");
            Thread.sleep(FOREVER_MILLIS);
        }));
        Polling.awaitTrue("both users to attach", WAIT, () -> Polling.read(Path.of(attachedReport)).lines().count() == 2);
        creator.kill();
        assertExitCode(-9, creator);
        killedUser.kill();
        assertExitCode(-9, killedUser);
        assertTrue(Files.exists(path), "one live user still holds the region");
        Polling.appendLine(go, "go");
        assertExitsOk(exitingUser);
        assertFalse(Files.exists(path), "the last user removes the dead creator's region at its exit");
    }

    private ChildProcess start(ChildProcess child) {
        return children.track(child.start());
    }
}
