package org.nativeipc.internal.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nativeipc.testing.ChildAssertions.assertExitsOk;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nativeipc.internal.liveness.Liveness;
import org.nativeipc.process.ChildProcess;

class SharedRegionTest {
    private static final int VERSION = 1;

    @Test
    void createThenAttachSeesTheSameMemory() {
        try (SharedRegion created = SharedRegion.create(RegionKind.TEST, VERSION, 4096, r -> r.putLong(8, 42))) {
            try (SharedRegion attached = SharedRegion.attach(created.path(), RegionKind.TEST, VERSION)) {
                assertEquals(42, attached.getLong(8));
                attached.setIntVolatile(0, 7);
                assertEquals(7, created.getIntVolatile(0));
                assertEquals(4096, attached.payloadSize());
                assertFalse(attached.isCreator());
                assertEquals(Liveness.self(), attached.creator());
            }
            assertTrue(Files.exists(created.path()), "closing an attached view must not delete the creator's file");
        }
    }

    @Test
    void theFileIsPrivateToTheUserAndRemovedOnClose() throws IOException {
        SharedRegion region = SharedRegion.create(RegionKind.TEST, VERSION, 64, r -> { });
        Path path = region.path();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
        assertEquals(Liveness.self(), RegionFolder.creatorOf(path), "the name says who created the region: " + path);
        region.close();
        assertFalse(Files.exists(path));
        region.close(); // harmless twice
        assertTrue(region.isClosed());
    }

    @Test
    void attachRefusesAnotherKind() {
        try (SharedRegion region = SharedRegion.create(RegionKind.LOCK, VERSION, 64, r -> { })) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> SharedRegion.attach(region.path(), RegionKind.MPMC_RING, VERSION));
            assertTrue(e.getMessage().contains("holds a LOCK, not a MPMC_RING"), e.getMessage());
        }
    }

    @Test
    void attachRefusesAnotherLayoutVersion() {
        try (SharedRegion region = SharedRegion.create(RegionKind.TEST, 3, 64, r -> { })) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> SharedRegion.attach(region.path(), RegionKind.TEST, 2));
            assertTrue(e.getMessage().contains("made by a newer native-ipc"), e.getMessage());
            assertTrue(e.getMessage().contains("same native-ipc version"), e.getMessage());
        }
    }

    @Test
    void attachRefusesATruncatedFile() throws IOException {
        try (SharedRegion region = SharedRegion.create(RegionKind.TEST, VERSION, 4096, r -> { })) {
            try (RandomAccessFile file = new RandomAccessFile(region.path().toFile(), "rw")) {
                file.setLength(1000);
            }
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> SharedRegion.attach(region.path(), RegionKind.TEST, VERSION));
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
            try (RandomAccessFile file = new RandomAccessFile(region.path().toFile(), "rw")) {
                file.setLength(10);
            }
            e = assertThrows(IllegalStateException.class, () -> SharedRegion.attach(region.path(), RegionKind.TEST, VERSION));
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        }
    }

    @Test
    void attachRefusesACorruptedHeader() throws IOException {
        try (SharedRegion region = SharedRegion.create(RegionKind.TEST, VERSION, 64, r -> { })) {
            try (RandomAccessFile file = new RandomAccessFile(region.path().toFile(), "rw")) {
                file.seek(RegionHeaderLayout.CREATOR_PID_OFFSET);
                int original = file.read();
                file.seek(RegionHeaderLayout.CREATOR_PID_OFFSET);
                file.write(~original & 0xff); // flip every bit: a fixed value could equal the pid's byte
            }
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> SharedRegion.attach(region.path(), RegionKind.TEST, VERSION));
            assertTrue(e.getMessage().contains("corrupted"), e.getMessage());
        }
    }

    @Test
    void attachRefusesAFileThatIsNotARegion() throws IOException {
        Path file = RegionFolder.newPath(RegionKind.TEST, Liveness.self());
        try {
            Files.write(file, "hello, this is not a region, just some text that is long enough".repeat(4).getBytes());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> SharedRegion.attach(file, RegionKind.TEST, VERSION));
            assertTrue(e.getMessage().contains("not a native-ipc shared region"), e.getMessage());
            assertFalse(e instanceof RegionClosedException, "a file that is not a region is not a closed region: " + e);
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void attachToAMissingFileSaysTheCreatorIsGone() {
        Path missing = RegionFolder.folder().resolve("nipc-0000000000000001-test-1-missing");
        RegionClosedException e = assertThrows(RegionClosedException.class,
                () -> SharedRegion.attach(missing, RegionKind.TEST, VERSION));
        assertTrue(e.getMessage().contains("no shared region at"), e.getMessage());
    }

    @Test
    void badSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SharedRegion.create(RegionKind.TEST, VERSION, -1, r -> { }));
        assertThrows(IllegalArgumentException.class,
                () -> SharedRegion.create(RegionKind.TEST, VERSION, Integer.MAX_VALUE, r -> { }));
    }

    @Test
    void aFailingInitializerLeavesNoFile() throws IOException {
        List<Path> seen = new ArrayList<>();
        assertThrows(IllegalStateException.class, () -> SharedRegion.create(RegionKind.TEST, VERSION, 64, r -> {
            seen.add(r.path());
            throw new IllegalStateException("initializer failed");
        }));
        assertFalse(Files.exists(seen.get(0)));
    }

    @Test
    void regionsOfDeadCreatorsAreRemovedByTheOrphanScan() throws Exception {
        // A creator that is gone (a token with no liveness record) and one that lives (us).
        long dead = java.util.concurrent.ThreadLocalRandom.current().nextLong() | 1;
        Path orphan = RegionFolder.newPath(RegionKind.TEST, dead);
        Files.write(orphan, new byte[64]);
        try (SharedRegion live = SharedRegion.create(RegionKind.TEST, VERSION, 64, r -> { })) {
            RegionFolder.removeOrphans(); // (another process's scan may have removed it first)
            assertFalse(Files.exists(orphan), "the dead creator's region must be removed by the scan");
            assertTrue(Files.exists(live.path()), "a live creator's region must not be removed");
        } finally {
            Files.deleteIfExists(orphan);
        }
    }

    @Test
    void regionsOfAChildKilledBeforeItsExitHooksAreRemovedWhenItIsReaped(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        String report = dir.resolve("region").toString();
        ChildProcess creator = new ChildProcess(() -> {
            SharedRegion region = SharedRegion.create(RegionKind.TEST, VERSION, 64, r -> { });
            org.nativeipc.testing.Polling.appendLine(report, region.path().toString());
            Thread.sleep(60_000);
        }).start();
        Path found = Path.of(org.nativeipc.testing.Polling.awaitFileLine(Path.of(report), java.time.Duration.ofSeconds(60)).trim());
        assertTrue(Files.exists(found), "the child's region " + found);
        creator.kill(); // SIGKILL: no exit hook runs in the child
        creator.join();
        assertFalse(Files.exists(found), "the parent must remove the regions of a child killed by a signal");
    }

    @Test
    void atomicsAddUpAcrossProcesses() throws Exception {
        int perProcess = 200_000;
        try (SharedRegion region = SharedRegion.create(RegionKind.TEST, VERSION, 64, r -> { })) {
            String path = region.path().toString();
            ChildProcess other = new ChildProcess(() -> {
                try (SharedRegion shared = SharedRegion.attach(Path.of(path), RegionKind.TEST, VERSION)) {
                    for (int i = 0; i < perProcess; i++) {
                        shared.getAndAddLong(0, 1);
                        shared.getAndAddInt(8, 1);
                    }
                }
            }).start();
            for (int i = 0; i < perProcess; i++) {
                region.getAndAddLong(0, 1);
                region.getAndAddInt(8, 1);
            }
            assertExitsOk(other);
            assertEquals(2L * perProcess, region.getLongVolatile(0));
            assertEquals(2 * perProcess, region.getIntVolatile(8));
        }
    }

    @Test
    void misalignedAtomicAccessFails() {
        try (SharedRegion region = SharedRegion.create(RegionKind.TEST, VERSION, 64, r -> { })) {
            assertThrows(IllegalStateException.class, () -> region.compareAndSetLong(4, 0, 1));
        }
    }

    @Test
    void aHandleRoundTripsThroughSerialization() throws Exception {
        try (SharedRegion region = SharedRegion.create(RegionKind.EVENT, 2, 64, r -> r.putInt(0, 99))) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
                out.writeObject(region.handle());
            }
            RegionHandle back;
            try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
                back = (RegionHandle) in.readObject();
            }
            assertEquals(region.handle(), back);
            try (SharedRegion attached = back.attach()) {
                assertEquals(99, attached.getInt(0));
            }
        }
    }
}
