package org.nativeipc.shared;

import static org.junit.jupiter.api.Assertions.*;
import static org.nativeipc.testing.ChildAssertions.assertAllExitOk;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.nativeipc.sync.SharedEvent;

/** Every atomic ConcurrentMap operation under contention from four processes, with exact totals. */
class SharedMapAcrossProcessesTest extends SharedStateSupport {
    private static final int PROCESSES = 4;
    private static final int ROUNDS = 2_000;
    private static final int KEYS = 8;

    @Test
    void atomicOperationsFromFourProcessesLoseNothing() throws Exception {
        try (SharedMap<String, Integer> map = SharedMap.create(4096); SharedLong ready = SharedLong.create(0);
             SharedLongArray claimed = SharedLongArray.create(ROUNDS); SharedEvent go = SharedEvent.create()) {
            for (int p = 0; p < PROCESSES; p++) {
                int me = p;
                start("contender-" + p, () -> {
                    ready.incrementAndGet();
                    go.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                    for (int i = 0; i < ROUNDS; i++) {
                        String key = "k" + (i % KEYS);
                        map.merge("merge-" + key, 1, Integer::sum);
                        map.compute("compute-" + key, (k, v) -> v == null ? 1 : v + 1);
                        map.computeIfPresent("merge-" + key, (k, v) -> v);
                        while (true) {                    // a CAS loop through replace(k, old, new)
                            Integer old = map.putIfAbsent("cas-" + key, 1);
                            if (old == null || map.replace("cas-" + key, old, old + 1)) {
                                break;
                            }
                        }
                        if (map.putIfAbsent("claim-" + i, me) == null) {   // exactly one process wins each round
                            claimed.incrementAndGet(i);
                        }
                        map.computeIfAbsent("first-" + (i % KEYS), k -> me);
                        Integer token = map.putIfAbsent("token", me);      // take the token, hand it back
                        if (token == null) {
                            assertTrue(map.remove("token", me), "only the holder removes its own token");
                        }
                    }
                });
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (ready.get() < PROCESSES) {
                assertTrue(System.nanoTime() < deadline, "waited " + WAIT + " for the contenders to start: " + ready.get());
                Thread.sleep(5);
            }
            go.set();
            assertAllExitOk(children);
            int perKey = PROCESSES * ROUNDS / KEYS;
            for (int k = 0; k < KEYS; k++) {
                assertEquals(perKey, map.get("merge-k" + k), "merge lost or repeated updates");
                assertEquals(perKey, map.get("compute-k" + k), "compute lost or repeated updates");
                assertEquals(perKey, map.get("cas-k" + k), "replace(k, old, new) lost or repeated updates");
                assertNotNull(map.get("first-" + k));
            }
            for (int i = 0; i < ROUNDS; i++) {
                assertEquals(1, claimed.get(i), "round " + i + ": putIfAbsent must let exactly one process win");
            }
            assertNull(map.get("token"), "every token taken was handed back");
            assertEquals(3 * KEYS + ROUNDS + KEYS, map.size());
            int iterated = 0;
            for (Map.Entry<String, Integer> e : map.entrySet()) {
                iterated++;
                assertNotNull(e.getValue());
            }
            assertEquals(map.size(), iterated, "size() agrees with iteration");
        }
    }
}
