package org.nativeipc.examples.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.nativeipc.examples.ExampleRunner;

/** The seed's queue examples (§9–§11) and the close-based ending, run as a user runs them, output checked. */
class QueueExamplesTest {
    /** Delay scale for the kitchen examples: 1-3 s in the seed, 10-30 ms here. */
    private static final String FAST = "0.01";
    private static final Pattern PRODUCED = Pattern.compile("(\\d+) produced (\\w+)");
    private static final Pattern ATE = Pattern.compile("(\\d+) ate (\\w+)");

    @Test
    void queueMethods() {
        assertEquals(List.of("the queue is full", "true", "3", "3", "3", "the queue is empty", "true", "size 0 of 3"),
                ExampleRunner.run(QueueMethods.class).assertSucceeded().lines());
    }

    @Test
    void childSendsToParent() {
        List<String> lines = ExampleRunner.run(ChildSendsToParent.class).assertSucceeded().lines();
        assertEquals(1, lines.size(), lines::toString);
        assertTrue(lines.get(0).matches("\\[\\w{3} \\w{3} \\d{1,2} \\d\\d:\\d\\d:\\d\\d \\d{4}, from Eva, hello]"), lines::toString);
    }

    @Test
    void recordsThroughAQueue() {
        assertEquals(List.of("Order[id=1, side=BUY, fills=[Fill[quantity=100, price=10.5]]]",
                        "Order[id=2, side=SELL, fills=[Fill[quantity=200, price=10.5]]]",
                        "Order[id=3, side=BUY, fills=[Fill[quantity=300, price=10.5]]]"),
                ExampleRunner.run(RecordsThroughAQueue.class).assertSucceeded().lines());
    }

    @Test
    void manyProducersOnASmallQueue() {
        List<String> lines = ExampleRunner.run(ManyProducersSmallQueue.class, "4", "3").assertSucceeded().lines();
        assertEquals(4, lines.size(), lines::toString);
        Set<String> getters = new HashSet<>();
        Set<String> putters = new HashSet<>();
        for (String line : lines) {
            Matcher m = Pattern.compile("(\\d+)\\(get\\):(\\d+)\\(put\\):\\w{3} \\w{3} .*").matcher(line);
            assertTrue(m.matches(), line);
            getters.add(m.group(1));
            putters.add(m.group(2));
        }
        assertEquals(4, getters.size(), "each consumer printed one line: " + lines);
        assertEquals(4, putters.size(), "each producer's line was printed once: " + lines);
    }

    @Test
    void withoutAnEndSignalTheConsumerWaitsForever() {
        List<String> lines = ExampleRunner.run(ConsumerWithoutEndSignal.class, "3", FAST).assertSucceeded().lines();
        checkKitchen(lines, dishes("bun", 3));
        assertTrue(lines.get(lines.size() - 1).contains("the consumer still waits"), lines::toString);
    }

    @Test
    void theProducerSendsTheEndSignal() {
        checkKitchen(ExampleRunner.run(ProducerSendsSentinel.class, "5", FAST).assertSucceeded().lines(), dishes("bun", 5));
    }

    @Test
    void theMainProgramSendsTheEndSignal() {
        List<String> lines = ExampleRunner.run(MainSendsSentinel.class, "2", FAST).assertSucceeded().lines();
        checkKitchen(lines, dishes("bun", 2));
        assertTrue(lines.indexOf("main") > indexOfLast(lines, PRODUCED), "main sends the signal after the producer ended: " + lines);
    }

    @Test
    void oneEndSignalPerConsumer() {
        List<String> lines = ExampleRunner.run(SentinelPerConsumer.class, "2", "2", FAST).assertSucceeded().lines();
        checkKitchen(lines, allDishes(2));
    }

    @Test
    void producersCloseTheQueueInsteadOfSendingSignals() {
        List<String> lines = ExampleRunner.run(ProducersCloseTheQueue.class, "2", "3", FAST).assertSucceeded().lines();
        List<String> kitchen = new ArrayList<>(lines);
        kitchen.removeIf(l -> l.endsWith("is done: every producer closed the queue"));
        assertEquals(3, lines.size() - kitchen.size(), "every consumer learned that the producers are done: " + lines);
        checkKitchen(kitchen, allDishes(2));
    }

    @Test
    void joinableQueueWithDaemonConsumers() {
        List<String> lines = ExampleRunner.run(JoinableQueueDaemonConsumers.class, "3", "2", FAST).assertSucceeded().lines();
        checkKitchen(lines, allDishes(3));
        assertEquals("main", lines.get(lines.size() - 1), "main ends last: every dish was eaten before the producers ended");
    }

    private static Set<String> dishes(String kind, int n) {
        Set<String> all = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            all.add(kind + i);
        }
        return all;
    }

    private static Set<String> allDishes(int n) {
        Set<String> all = new TreeSet<>();
        for (String kind : new String[] {"bun", "bone", "slop"}) {
            all.addAll(dishes(kind, n));
        }
        return all;
    }

    /** Every dish produced once and eaten once, each after it was produced, and "main" printed once. */
    private static void checkKitchen(List<String> lines, Set<String> dishes) {
        List<String> produced = new ArrayList<>();
        List<String> eaten = new ArrayList<>();
        int mains = 0;
        for (String line : lines) {
            Matcher p = PRODUCED.matcher(line);
            Matcher a = ATE.matcher(line);
            if (p.matches()) {
                produced.add(p.group(2));
            } else if (a.matches()) {
                eaten.add(a.group(2));
                assertTrue(produced.contains(a.group(2)), "a dish is eaten only after it was produced: " + lines);
            } else if (line.equals("main")) {
                mains++;
            } else if (!line.contains("the consumer still waits")) {
                throw new AssertionError("unexpected line " + line + " in " + lines);
            }
        }
        assertEquals(1, mains, lines::toString);
        assertEquals(dishes.size(), produced.size(), "each dish produced once: " + lines);
        assertEquals(dishes, new TreeSet<>(produced), lines::toString);
        assertEquals(dishes.size(), eaten.size(), "each dish eaten once: " + lines);
        assertEquals(dishes, new TreeSet<>(eaten), lines::toString);
    }

    private static int indexOfLast(List<String> lines, Pattern pattern) {
        int last = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (pattern.matcher(lines.get(i)).matches()) {
                last = i;
            }
        }
        return last;
    }
}
