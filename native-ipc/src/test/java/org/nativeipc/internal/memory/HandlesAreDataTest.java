package org.nativeipc.internal.memory;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.nativeipc.internal.liveness.Liveness;

/**
 * A handle that arrives in a message is data: it can only name a region file in the shared
 * folder, and attaching refuses anything but a regular file of a region's shape, quickly and
 * without following a link. Before, a handle could name {@code /etc/hostname} (opened
 * read-write) or a zero-filled file (a 2 s stall per message).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HandlesAreDataTest {
    private static final int VERSION = 1;

    @TempDir
    Path dir;

    @Test
    void aHandleNamingAPathOutsideTheFolderIsRefusedWhenItArrives() throws Exception {
        for (String forged : new String[] {"/etc/hostname", "../../etc/hostname", "nipc-../../etc/hostname", "hostname",
                "nipc-a/b", Liveness.folder().resolve("nipc-x").toString()}) {
            IOException e = assertThrows(IOException.class, () -> roundTrip(handleNaming(forged)), forged);
            assertInstanceOf(InvalidObjectException.class, e, forged);
            assertTrue(e.getMessage().contains("refused"), e.getMessage());
        }
    }

    @Test
    void aHandleThatTravelsAsItsPartsIsRefusedTheSameWay() {
        for (String forged : new String[] {"/etc/hostname", "../../etc/hostname", "nipc-../../etc/hostname", "hostname",
                "nipc-a/b", Liveness.folder().resolve("nipc-x").toString(), "nipc-proc-0000000000000001"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RegionHandle.of(forged, RegionKind.TEST, VERSION), forged);
            assertTrue(e.getMessage().contains("refused"), e.getMessage());
        }
        RegionHandle real = new RegionHandle(RegionFolder.newPath(RegionKind.TEST, Liveness.self()), RegionKind.TEST, VERSION);
        assertThrows(IllegalArgumentException.class, () -> RegionHandle.of(real.name(), null, VERSION), "a handle without a kind");
        assertEquals(real, RegionHandle.of(real.name(), real.kind(), real.layoutVersion()));
        assertEquals(real.path(), RegionHandle.of(real.name(), real.kind(), real.layoutVersion()).path());
    }

    @Test
    void attachRefusesPathsOutsideTheFolderBeforeOpeningThem() throws IOException {
        Path outside = dir.resolve("nipc-outside");
        Files.write(outside, new byte[4096]);
        for (Path path : new Path[] {outside, Path.of("/etc/hostname"), Liveness.folder().resolve("sub").resolve("nipc-x"),
                Liveness.folder().resolve("nipc-proc-0000000000000001")}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SharedRegion.attach(path, RegionKind.TEST, VERSION), path.toString());
            assertTrue(e.getMessage().contains("refused"), e.getMessage());
        }
    }

    @Test
    void attachNeverFollowsASymbolicLink() throws IOException {
        try (SharedRegion real = SharedRegion.create(RegionKind.TEST, VERSION, 64, r -> { })) {
            Path link = RegionFolder.newPath(RegionKind.TEST, Liveness.self());
            Files.createSymbolicLink(link, real.path());
            try {
                RuntimeException e = assertThrows(RuntimeException.class, () -> SharedRegion.attach(link, RegionKind.TEST, VERSION));
                assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
            } finally {
                Files.delete(link);
            }
        }
    }

    @Test
    void aZeroFilledFileIsRefusedAtOnceAndADirectoryToo() throws IOException {
        Path zeros = Liveness.folder().resolve("nipc-zeros-" + ThreadLocalRandom.current().nextInt(1 << 30));
        Path deadCreatorsZeros = RegionFolder.newPath(RegionKind.TEST, ThreadLocalRandom.current().nextLong() | 1);
        Path directory = RegionFolder.newPath(RegionKind.TEST, Liveness.self());
        Files.write(zeros, new byte[4096]);
        Files.write(deadCreatorsZeros, new byte[4096]);
        Files.createDirectory(directory);
        try {
            long start = System.nanoTime();
            assertTrue(assertThrows(IllegalStateException.class, () -> SharedRegion.attach(zeros, RegionKind.TEST, VERSION))
                    .getMessage().contains("not a native-ipc shared region"));
            // Any process's orphan scan may remove this file first (its creator is dead): then it is gone.
            String message = assertThrows(IllegalStateException.class,
                    () -> SharedRegion.attach(deadCreatorsZeros, RegionKind.TEST, VERSION)).getMessage();
            assertTrue(message.contains("died") || message.contains("no shared region"), message);
            assertThrows(RuntimeException.class, () -> SharedRegion.attach(directory, RegionKind.TEST, VERSION));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis < 1_000, "refusing took " + millis + " ms: a zero-filled file must not stall attach");
        } finally {
            Files.deleteIfExists(zeros);
            Files.deleteIfExists(deadCreatorsZeros);
            Files.deleteIfExists(directory);
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aFifoUnderARegionNameNeitherBlocksAttachNorTheScan() throws Exception {
        Path fifo = RegionFolder.newPath(RegionKind.TEST, ThreadLocalRandom.current().nextLong() | 1);
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mkfifo.waitFor());
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> SharedRegion.attach(fifo, RegionKind.TEST, VERSION));
            assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
            RegionFolder.removeOrphans();
            assertTrue(Files.exists(fifo), "the scan skips what is not a regular file");
        } finally {
            Files.deleteIfExists(fifo);
        }
    }

    @Test
    void nothingOfOursShrinksARegion() throws Exception {
        long payload = 64 * 1024;
        try (SharedRegion created = SharedRegion.create(RegionKind.TEST, VERSION, payload, r -> { })) {
            long size = Files.size(created.path());
            assertEquals(RegionHeaderLayout.HEADER_BYTES + payload, size);
            for (int i = 0; i < 3; i++) {
                try (SharedRegion attached = created.handle().attach()) {
                    attached.putLong(0, i);
                }
                RegionFolder.removeOrphans();
                assertEquals(size, Files.size(created.path()), "attach, close and the orphan scan leave the size alone");
            }
            RegionHandle back = roundTrip(created.handle());
            try (SharedRegion attached = back.attach()) {
                assertEquals(2, attached.getLong(0));
            }
            assertEquals(size, Files.size(created.path()));
        }
    }

    private static RegionHandle handleNaming(String name) throws ReflectiveOperationException {
        RegionHandle handle = new RegionHandle(RegionFolder.newPath(RegionKind.TEST, Liveness.self()), RegionKind.TEST, VERSION);
        Field field = RegionHandle.class.getDeclaredField("name");
        field.setAccessible(true);
        field.set(handle, name);
        return handle;
    }

    private static RegionHandle roundTrip(RegionHandle handle) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(handle);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (RegionHandle) in.readObject();
        }
    }
}
