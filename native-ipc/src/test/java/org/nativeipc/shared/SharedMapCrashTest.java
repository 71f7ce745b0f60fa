package org.nativeipc.shared;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.nativeipc.process.ChildProcess;
import org.nativeipc.testing.ChildAssertions;

/**
 * A writer SIGKILLed mid-update, again and again, leaves a consistent map: every value
 * is one a writer wrote whole (never torn), {@code size()} agrees with iteration, and no stripe
 * stays locked (the next user takes it over and completes a published update). Each round starts
 * a JVM (seconds on a loaded machine), so the build kills {@value #DEFAULT_KILLS} writers;
 * {@code -Dnativeipc.test.mapKills=100} runs the issue's hundred.
 */
class SharedMapCrashTest extends SharedStateSupport {
    private static final int DEFAULT_KILLS = 20;
    private static final int KILLS = Integer.getInteger("nativeipc.test.mapKills", DEFAULT_KILLS);
    private static final int KEYS = 150;
    /** The writer has run at least this many updates before it can be killed. */
    private static final long WARM_UPDATES = 200;

    @Test
    void aWriterKilledMidPutLeavesAConsistentMap() throws Exception {
        try (SharedMap<Integer, String> map = SharedMap.<Integer, String>builder().maxEntries(KEYS).maxValueBytes(512).create();
             SharedLong updates = SharedLong.create(0)) {
            for (int round = 0; round < KILLS; round++) {
                long before = updates.get();
                ChildProcess writer = start("writer-" + round, () -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (true) {
                        int key = random.nextInt(KEYS);
                        int generation = random.nextInt(1_000_000);
                        switch (random.nextInt(4)) {
                            case 0 -> map.remove(key);
                            case 1 -> map.merge(key, valueOf(key, generation), (a, b) -> valueOf(key, generation));
                            default -> map.put(key, valueOf(key, generation));
                        }
                        updates.incrementAndGet();
                    }
                });
                long deadline = System.nanoTime() + WAIT.toNanos();
                long until = before + WARM_UPDATES + ThreadLocalRandom.current().nextInt(2_000);
                while (updates.get() < until) {
                    assertTrue(System.nanoTime() < deadline, "round " + round + ": waited " + WAIT + " for the writer's updates");
                    Thread.onSpinWait();
                }
                writer.kill();
                ChildAssertions.joinWithin(writer, WAIT);
                children.remove(writer);
                checkConsistent(map, round);
            }
            assertTrue(updates.get() > KILLS * WARM_UPDATES);
        }
    }

    /** The value a writer stores for {@code key}: its length and content follow from the key and generation. */
    static String valueOf(int key, int generation) {
        return key + "#" + generation + "#" + "x".repeat(generation % 400);
    }

    private static void checkConsistent(SharedMap<Integer, String> map, int round) {
        map.put(-1, "probe");               // takes over any stripe the writer died holding (if -1 hashes there)
        map.remove(-1);
        Map<Integer, String> seen = new HashMap<>();
        for (Map.Entry<Integer, String> e : map.entrySet()) {
            assertNull(seen.put(e.getKey(), e.getValue()), "round " + round + ": key " + e.getKey() + " seen twice");
        }
        assertEquals(seen.size(), map.size(), "round " + round + ": size() disagrees with iteration");
        for (Map.Entry<Integer, String> e : seen.entrySet()) {
            String value = e.getValue();
            String[] parts = value.split("#", 3);
            assertEquals(3, parts.length, "round " + round + ": torn value " + value);
            int generation = Integer.parseInt(parts[1]);
            assertEquals(valueOf(e.getKey(), generation), value, "round " + round + ": torn value for key " + e.getKey());
            assertEquals(value, map.get(e.getKey()), "round " + round + ": get disagrees with iteration");
        }
    }
}
