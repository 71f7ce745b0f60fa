package org.nativeipc.examples.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.nativeipc.examples.ExampleRunner;

/** The seed's lock examples (§8) and the dead-holder demo, run as a user runs them, output checked. */
class SyncExamplesTest {
    private static final Pattern WORK_LINE = Pattern.compile("(\\d): (\\d+) is (running|done)");

    @Test
    void withoutTheLockEveryChildStillPrintsBothLines() {
        List<String> lines = ExampleRunner.run(CompetingOutput.class, "300").assertSucceeded().lines();
        assertEquals(6, lines.size(), lines::toString);
        Set<String> children = new HashSet<>();
        for (String line : lines) {
            Matcher m = WORK_LINE.matcher(line);
            assertTrue(m.matches(), line);
            children.add(m.group(1) + "/" + m.group(2));
        }
        assertEquals(3, children.size(), "three children, each with one pid: " + lines);
    }

    @Test
    void withTheLockEachChildPrintsBothLinesInTurn() {
        List<String> lines = ExampleRunner.run(LockedOutput.class, "100").assertSucceeded().lines();
        assertEquals(6, lines.size(), lines::toString);
        Set<String> children = new HashSet<>();
        for (int i = 0; i < 6; i += 2) {
            Matcher running = WORK_LINE.matcher(lines.get(i));
            Matcher done = WORK_LINE.matcher(lines.get(i + 1));
            assertTrue(running.matches() && done.matches(), lines::toString);
            assertEquals("running", running.group(3), lines::toString);
            assertEquals(running.group(1) + running.group(2) + "done", done.group(1) + done.group(2) + done.group(3),
                    () -> "a child's two lines were split by another's: " + lines);
            children.add(running.group(1));
        }
        assertEquals(3, children.size(), lines::toString);
    }

    @Test
    void reentrantLockTurns() {
        List<String> lines = ExampleRunner.run(ReentrantLockTurns.class, "200").assertSucceeded().lines();
        assertEquals(4, lines.size(), lines::toString);
        assertEquals(2, lines.stream().filter("I am back!"::equals).count(), lines::toString);
        assertTrue(lines.contains("1 (holding the lock 2 times)"), lines::toString);
        assertTrue(lines.contains("2 (holding the lock 2 times)"), lines::toString);
    }

    @Test
    void withoutTheLockMoreTicketsAreSoldThanExist() {
        // Network delays three times the seed's (0.3 s, 0.6 s), so that even on a loaded machine
        // several buyers read the db before the first one writes it.
        List<String> lines = ExampleRunner.run(TicketsWithoutLock.class, "8", "1", "3").assertSucceeded().lines();
        long sold = count(lines, "ticket bought");
        assertEquals(8, lines.stream().filter(l -> l.startsWith("tickets left: ")).count(), "every buyer searched: " + lines);
        assertEquals(8, sold + count(lines, "no ticket left"), "every buyer tried to buy: " + lines);
        assertTrue(sold > 1, "buyers raced on the db, so more than the one ticket should have been sold: " + lines);
        assertEquals("db says 0 tickets left of 1", lines.get(lines.size() - 1));
    }

    @Test
    void withTheLockExactlyTheTicketsThatExistAreSold() {
        List<String> lines = ExampleRunner.run(TicketsWithLock.class, "8", "2", "0.1").assertSucceeded().lines();
        assertEquals(2, count(lines, "ticket bought"), lines::toString);
        assertEquals(6, count(lines, "no ticket left"), lines::toString);
        assertEquals("db says 0 tickets left of 2", lines.get(lines.size() - 1));
    }

    @Test
    void aKilledHolderDoesNotDeadlockTheOthers() {
        List<String> lines = ExampleRunner.run(DeadHolderRecovery.class).assertSucceeded().lines();
        assertEquals(List.of("child holds the lock: true", "child killed, exit code -9",
                "parent took the lock over; previous owner died: true"), lines.subList(0, 3));
    }

    private static long count(List<String> lines, String line) {
        return lines.stream().filter(line::equals).count();
    }
}
