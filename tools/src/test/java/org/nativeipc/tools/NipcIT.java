package org.nativeipc.tools;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nativeipc.internal.object.Inventory;

/**
 * {@code java -jar nipc.jar} as users run it, on objects that another program made, in a
 * private shared folder (so that other tests' files on this machine do not show).
 */
class NipcIT {
    private static final long TIMEOUT_SECONDS = 120;

    @TempDir
    Path dir;

    private Path folder;
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void folder() throws IOException {
        folder = Files.createDirectory(dir.resolve("shm"));
    }

    @AfterEach
    void stop() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void listInspectRemoveAndClean() throws Exception {
        Path stop = dir.resolve("stop");
        Process named = fixture("named", stop);
        Process anonymous = fixture("anonymous", stop);

        Result list = nipc("list");
        assertEquals(0, list.code, list.text);
        assertTrue(list.text.contains("NAME") && list.text.contains("USERS"), list.text);
        assertRow(list.text, "orders", "SharedQueue", "pid " + named.pid(), "yes");
        assertRow(list.text, "summary-lock", "SharedLock", "pid " + named.pid(), "yes");
        assertRow(list.text, "slots", "SharedSemaphore", "pid " + named.pid(), "yes");
        assertRow(list.text, "nipc-", "SharedLock", "pid " + anonymous.pid(), "yes");
        assertRow(list.text, "nipc-", "SharedQueue", "pid " + named.pid(), "yes");
        assertRow(list.text, "nipc-", Inventory.ELEMENT_TYPE, "3.0 MiB", "queued", "pid " + named.pid(), "yes");
        assertTrue(list.text.contains("6 objects in " + folder), list.text);
        assertFalse(nipc("list", "--named").text.contains("nipc-"), "--named leaves out anonymous objects");

        Result orders = nipc("inspect", "orders");
        assertEquals(0, orders.code, orders.text);
        assertLine(orders.text, "type:", "SharedQueue");
        assertLine(orders.text, "capacity:", "16");
        assertLine(orders.text, "messages:", "3");
        assertLine(orders.text, "used by:", "1 process (pid " + named.pid() + ")");
        Result lock = nipc("inspect", "summary-lock");
        assertLine(lock.text, "locked:", "true");
        assertLine(lock.text, "holder:", "pid " + named.pid());
        Result slots = nipc("inspect", "slots");
        assertLine(slots.text, "permits:", "4");
        assertLine(slots.text, "available permits:", "3");
        assertEquals(1, nipc("inspect", "no-such-thing").code, "a missing name exits 1");

        Result rm = nipc("rm", "orders");
        assertEquals(0, rm.code, rm.text);
        assertTrue(rm.text.contains("removed orders"), rm.text);
        assertFalse(nipc("list").text.contains("orders"), "unlinked");
        assertEquals(1, nipc("rm", "orders").code, "a second rm finds nothing");

        anonymous.destroyForcibly().waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertRow(nipc("list").text, "nipc-", "SharedLock", "pid " + anonymous.pid(), "no");
        Result clean = nipc("clean");
        assertEquals(0, clean.code, clean.text);
        assertTrue(clean.text.contains("removed 1 object of dead processes"), clean.text);
        Result after = nipc("list");
        assertFalse(after.text.contains("pid " + anonymous.pid()), "the dead creator's object is gone: " + after.text);
        assertTrue(after.text.contains("summary-lock"), "clean never touches a live creator's or a named object");

        Files.writeString(stop, "stop");
        assertTrue(named.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        assertEquals(0, nipc("rm", "summary-lock", "slots").code);
    }

    @Test
    void everyCommandHasHelpAndBadArgumentsExit2() throws Exception {
        for (String command : List.of("list", "inspect", "rm", "clean")) {
            Result help = nipc(command, "--help");
            assertEquals(0, help.code, help.text);
            assertTrue(help.text.contains("Usage: nipc " + command), help.text);
        }
        Result top = nipc("--help");
        assertTrue(top.text.contains("Exit codes:") && top.text.contains("inspect"), top.text);
        assertEquals(2, nipc("list", "--no-such-option").code);
        assertEquals(2, nipc("rm").code, "rm needs a name");
        assertEquals(2, nipc("frobnicate").code);
    }

    private static void assertRow(String table, String... cells) {
        for (String line : table.split("\n")) {
            boolean all = true;
            for (String cell : cells) {
                all &= line.contains(cell);
            }
            if (all) {
                return;
            }
        }
        fail("no line with " + List.of(cells) + " in:\n" + table);
    }

    private static void assertLine(String text, String label, String value) {
        for (String line : text.split("\n")) {
            if (line.startsWith(label) && line.substring(label.length()).trim().startsWith(value)) {
                return;
            }
        }
        fail("no line '" + label + " " + value + "' in:\n" + text);
    }

    private record Result(int code, String text) {
    }

    private Result nipc(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", System.getProperty("nipc.jar"), "--dir", folder.toString()));
        command.addAll(List.of(args));
        Path output = Files.createTempFile(dir, "nipc", ".out");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertTrue(p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "nipc " + List.of(args) + " did not finish");
        return new Result(p.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    private Process fixture(String what, Path stop) throws Exception {
        Path output = dir.resolve(what + ".out");
        Process p = new ProcessBuilder(java(), "-Dnativeipc.shm.dir=" + folder, "-cp", System.getProperty("java.class.path"),
                Fixture.class.getName(), what, stop.toString()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        started.add(p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!Files.readString(output).contains("ready")) {
            assertTrue(p.isAlive(), () -> what + " fixture died: " + read(output));
            assertTrue(System.nanoTime() < deadline, () -> what + " fixture not ready: " + read(output));
            Thread.sleep(10);
        }
        return p;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
