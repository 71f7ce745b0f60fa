package org.nativeipc.internal.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.condition.OS.LINUX;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;

class SpawnerTest {

    /** Spawns {@code sleep 30}, runs {@code check} on its pid, then kills and reaps it. */
    private static void withSleeper(Spawner spawner, java.util.function.LongConsumer check) {
        long pid = spawner.spawn();
        try {
            check.accept(pid);
        } finally {
            Posix.kill(pid, 9);
            assertEquals(-9, Posix.reap(pid));
        }
    }

    @Test
    @EnabledOnOs(LINUX)
    void theChildGetsOnlyTheDescriptorsItIsGiven() {
        int[] pipe = Posix.pipe();
        try {
            withSleeper(Spawner.of(List.of("sleep", "30")).passDescriptor(pipe[0], 5), pid -> {
                // Right after exec the dynamic loader briefly opens libraries (as fd 3): wait for
                // it to finish. A leaked descriptor would stay, and the wait would time out.
                Set<String> expected = new TreeSet<>(Set.of("0", "1", "2", "5"));
                org.nativeipc.testing.Polling.awaitTrue("the child to hold stdio and fd 5 only, not " + openDescriptors(pid),
                        java.time.Duration.ofSeconds(10), () -> expected.equals(openDescriptors(pid)));
            });
        } finally {
            Posix.close(pipe[0]);
            Posix.close(pipe[1]);
        }
    }

    @Test
    @EnabledOnOs(LINUX)
    void theChildStartsWithNoBlockedOrIgnoredSignals() {
        withSleeper(Spawner.of(List.of("sleep", "30")), pid -> {
            String status = readStatus(pid);
            assertTrue(status.contains("SigBlk:\t0000000000000000"), status);
            // Signals 1-31 (bits 0-30); glibc keeps its two internal real-time signals to itself.
            assertEquals(0, signalMask(status, "SigIgn") & STANDARD_SIGNALS, status);
        });
    }

    @Test
    @EnabledOnOs(LINUX)
    void aNewProcessGroupCanBeAsked() {
        withSleeper(Spawner.of(List.of("sleep", "30")).newProcessGroup(true), pid -> {
            String stat = readStat(pid);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            assertEquals(Long.toString(pid), fields[2], "the child leads its own process group");
        });
    }

    @Test
    void aMissingProgramFailsWithENOENT() {
        NativeCallException e = assertThrows(NativeCallException.class,
                () -> Spawner.of(List.of("/no/such/program-for-native-ipc")).spawn());
        assertEquals("ENOENT", e.errnoName());
        assertTrue(e.getMessage().contains("/no/such/program-for-native-ipc"), e.getMessage());
    }

    @Test
    void exitStatusesDecodeAsPythonDoes() {
        long ok = Spawner.of(List.of("sh", "-c", "exit 0")).spawn();
        long three = Spawner.of(List.of("sh", "-c", "exit 3")).spawn();
        long term = Spawner.of(List.of("sh", "-c", "kill -TERM $$")).spawn();
        assertEquals(0, Posix.reap(ok));
        assertEquals(3, Posix.reap(three));
        assertEquals(-15, Posix.reap(term));
    }

    @Test
    void awaitExitWithoutReapingKeepsThePidUntilReaped() {
        long pid = Spawner.of(List.of("sh", "-c", "exit 4")).spawn();
        Posix.awaitExitWithoutReaping(pid);
        assertTrue(Posix.kill(pid, 0), "an ended but unreaped child still holds its pid");
        assertEquals(4, Posix.reap(pid));
        assertFalse(Posix.kill(pid, 0), "after reaping, the pid is gone");
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Spawner.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> Spawner.of(List.of("true")).passDescriptor(7, 1));
    }

    @Test
    void pipesCarryBytes() {
        int[] pipe = Posix.pipe();
        try {
            Posix.writeFully(pipe[1], new byte[] {1, 2, 3});
            byte[] buffer = new byte[8];
            assertEquals(3, Posix.read(pipe[0], buffer));
            assertEquals(2, buffer[1]);
            Posix.close(pipe[1]);
            assertEquals(0, Posix.read(pipe[0], buffer), "end of file once the write end is closed");
        } finally {
            Posix.close(pipe[0]);
        }
    }

    private static final long STANDARD_SIGNALS = 0x7FFF_FFFFL;

    private static long signalMask(String status, String field) {
        for (String line : status.split("\n")) {
            if (line.startsWith(field + ":")) {
                return Long.parseUnsignedLong(line.substring(field.length() + 1).trim(), 16);
            }
        }
        throw new AssertionError(field + " missing from " + status);
    }

    private static Set<String> openDescriptors(long pid) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String readStatus(long pid) {
        return read(Path.of("/proc", Long.toString(pid), "status"));
    }

    private static String readStat(long pid) {
        return read(Path.of("/proc", Long.toString(pid), "stat"));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
