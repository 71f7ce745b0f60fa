package org.nativeipc.examples.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nativeipc.examples.ExampleRunner;

/** The seed's pool examples (§13), run as a user runs them, output checked. */
class PoolExamplesTest {
    private static final Pattern RUN = Pattern.compile("(\\d+) run");
    private static final List<String> SQUARES = List.of("0", "1", "4", "9", "16", "25", "36", "49", "64", "81");

    @Test
    void applyWaitsForEachTaskOnThreeWorkers() {
        List<String> lines = ExampleRunner.run(PoolApply.class, "0.05").assertSucceeded().lines();
        assertEquals(11, lines.size(), lines::toString);
        Set<String> pids = pidsOf(lines.subList(0, 10));
        assertTrue(pids.size() >= 1 && pids.size() <= 3, "three workers run every task: " + lines);
        assertEquals("[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]", lines.get(10));
    }

    @Test
    void applyAsyncThenCloseJoinGet() {
        List<String> lines = ExampleRunner.run(PoolApplyAsync.class, "0.05").assertSucceeded().lines();
        assertEquals(20, lines.size(), lines::toString);
        Set<String> pids = pidsOf(lines.subList(0, 10));
        assertTrue(pids.size() >= 1 && pids.size() <= 3, "at most three workers: " + lines);
        assertEquals(SQUARES, lines.subList(10, 20), "results in submission order after join()");
    }

    @Test
    void callbacksParseInTheParentWhatWorkersDownloaded(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("db.txt");
        List<String> lines = ExampleRunner.run(PoolCallbacks.class, db.toString()).assertSucceeded().lines();
        String parent = lines.get(0).replaceAll("^parent (\\d+),.*$", "$1");
        Pattern get = Pattern.compile("<process (\\d+)> get (http://127\\.0\\.0\\.1:\\d+/[\\w-]+)");
        Pattern parse = Pattern.compile("<process (\\d+)> parse (http://127\\.0\\.0\\.1:\\d+/[\\w-]+)");
        Set<String> fetched = new HashSet<>();
        Set<String> parsed = new HashSet<>();
        for (String line : lines) {
            Matcher g = get.matcher(line);
            Matcher p = parse.matcher(line);
            if (g.matches()) {
                assertNotEquals(parent, g.group(1), "pages are downloaded in workers: " + line);
                fetched.add(g.group(2));
            } else if (p.matches()) {
                assertEquals(parent, p.group(1), "pages are parsed in the parent: " + line);
                parsed.add(p.group(2));
            }
        }
        assertEquals(5, fetched.size(), lines::toString);
        assertEquals(fetched, parsed);
        List<String> rows = Files.readAllLines(db);
        assertEquals(5, rows.size(), rows::toString);
        assertTrue(rows.stream().allMatch(r -> r.matches("url:<http://127\\.0\\.0\\.1:\\d+/[\\w-]+> size:\\[\\d+]")), rows::toString);
        assertEquals(5, lines.stream().filter(l -> l.startsWith("result ")).count(), lines::toString);
    }

    @Test
    void crawlerParsesTheBoardInACallback() {
        List<String> lines = ExampleRunner.run(PoolCrawler.class).assertSucceeded().lines();
        assertEquals(List.of(
                "{index=1, title=Farewell My Concubine, actor=starring: Leslie Cheung, Zhang Fengyi, Gong Li, time=released: 1993-01-01}",
                "{index=2, title=The Shawshank Redemption, actor=starring: Tim Robbins, Morgan Freeman, Bob Gunton, time=released: 1994-09-10}",
                "{index=3, title=Roman Holiday, actor=starring: Gregory Peck, Audrey Hepburn, Eddie Albert, time=released: 1953-09-02}",
                "{index=4, title=Leon, actor=starring: Jean Reno, Gary Oldman, Natalie Portman, time=released: 1994-09-14}",
                "{index=5, title=Titanic, actor=starring: Leonardo DiCaprio, Kate Winslet, Billy Zane, time=released: 1998-04-03}"),
                lines);
    }

    @Test
    void resultsGatheredWithoutACallback() {
        assertEquals(List.of("[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]"),
                ExampleRunner.run(PoolResultsWithoutCallback.class, "0.02").assertSucceeded().lines());
    }

    private static Set<String> pidsOf(List<String> lines) {
        List<String> pids = new ArrayList<>();
        for (String line : lines) {
            Matcher m = RUN.matcher(line);
            assertTrue(m.matches(), "not a \"<pid> run\" line: " + line);
            pids.add(m.group(1));
        }
        return pids.stream().collect(Collectors.toSet());
    }
}
