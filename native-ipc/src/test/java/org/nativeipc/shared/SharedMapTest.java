package org.nativeipc.shared;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** {@link SharedMap} in one process: the ConcurrentMap contract, limits, views and misuse. */
class SharedMapTest extends SharedStateSupport {

    @Test
    void concurrentMapOperations() {
        try (SharedMap<String, Integer> map = SharedMap.create(100)) {
            assertTrue(map.isEmpty());
            assertNull(map.put("a", 1));
            assertEquals(1, map.put("a", 2));
            assertEquals(2, map.get("a"));
            assertNull(map.get("b"));
            assertTrue(map.containsKey("a"));
            assertFalse(map.containsKey("b"));
            assertEquals(2, map.putIfAbsent("a", 9));
            assertNull(map.putIfAbsent("b", 3));
            assertEquals(2, map.size());
            assertFalse(map.remove("a", 9));
            assertTrue(map.replace("a", 2, 4));
            assertFalse(map.replace("a", 2, 5));
            assertEquals(4, map.replace("a", 6));
            assertNull(map.replace("zz", 1));
            assertFalse(map.containsKey("zz"), "replace does not insert");
            assertEquals(7, map.merge("a", 1, Integer::sum));
            assertEquals(1, map.merge("c", 1, Integer::sum));
            assertNull(map.merge("c", 1, (x, y) -> null), "a null merge result removes the key");
            assertFalse(map.containsKey("c"));
            assertEquals(10, map.compute("a", (k, v) -> v + 3));
            assertEquals(5, map.compute("d", (k, v) -> v == null ? 5 : v));
            assertEquals(5, map.computeIfAbsent("d", k -> 99));
            assertEquals(1, map.computeIfAbsent("e", String::length));
            assertNull(map.computeIfPresent("f", (k, v) -> 1));
            assertNull(map.computeIfPresent("e", (k, v) -> null));
            assertFalse(map.containsKey("e"));
            assertTrue(map.remove("d", 5));
            assertEquals(3, map.remove("b"));
            assertEquals(Map.of("a", 10), new HashMap<>(map));
            assertEquals(Map.of("a", 10), map, "equals as a Map");
            map.clear();
            assertTrue(map.isEmpty());
            assertEquals(0, map.entrySet().size());
            assertTrue(map.toString().contains("entries=0") && map.toString().contains("maxEntries=100"), map.toString());
        }
    }

    @Test
    void nullsAreRefused() {
        try (SharedMap<String, String> map = SharedMap.create(4)) {
            assertThrows(NullPointerException.class, () -> map.put(null, "x"));
            assertThrows(NullPointerException.class, () -> map.put("x", null));
            assertThrows(NullPointerException.class, () -> map.get(null));
            assertFalse(map.containsKey("x"));
        }
    }

    @Test
    void iterationSeesEveryEntryOnceAndWritesThrough() {
        try (SharedMap<Integer, String> map = SharedMap.create(1000)) {
            for (int i = 0; i < 500; i++) {
                map.put(i, "v" + i);
            }
            Map<Integer, String> seen = new HashMap<>();
            for (Map.Entry<Integer, String> e : map.entrySet()) {
                assertNull(seen.put(e.getKey(), e.getValue()), "seen twice: " + e);
            }
            assertEquals(500, seen.size());
            assertEquals(500, map.size());
            Iterator<Map.Entry<Integer, String>> it = map.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<Integer, String> e = it.next();
                if (e.getKey() % 2 == 0) {
                    it.remove();
                } else {
                    e.setValue("odd");
                }
            }
            assertEquals(250, map.size());
            assertTrue(map.values().stream().allMatch("odd"::equals));
            assertEquals(250, map.keySet().size());
        }
    }

    @Test
    void aFullMapRefusesNewKeysAndLosesNothing() {
        try (SharedMap<String, Integer> map = SharedMap.create(10)) {
            for (int i = 0; i < 10; i++) {
                map.put("k" + i, i);
            }
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> map.put("k10", 10));
            assertTrue(e.getMessage().contains("full") && e.getMessage().contains("10"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> map.putIfAbsent("k11", 1));
            assertThrows(IllegalStateException.class, () -> map.merge("k12", 1, Integer::sum));
            assertEquals(10, map.size());
            assertEquals(5, map.put("k5", 50), "an existing key still takes a new value");
            for (int i = 0; i < 10; i++) {
                assertEquals(i == 5 ? 50 : i, map.get("k" + i));
            }
            map.remove("k0");
            assertNull(map.put("k10", 10), "a removed entry makes room");
        }
    }

    @Test
    void oversizedKeysAndValuesAreRefusedWithoutChange() {
        try (SharedMap<String, String> map = SharedMap.<String, String>builder().maxEntries(8).maxKeyBytes(16)
                .maxValueBytes(32).create()) {
            map.put("k", "small");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> map.put("k", "x".repeat(100)));
            assertTrue(e.getMessage().contains("32") && e.getMessage().contains("maxValueBytes"), e.getMessage());
            assertEquals("small", map.get("k"));
            e = assertThrows(IllegalArgumentException.class, () -> map.put("k".repeat(40), "v"));
            assertTrue(e.getMessage().contains("16") && e.getMessage().contains("maxKeyBytes"), e.getMessage());
            assertEquals(1, map.size());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SharedMap.create(0));
        assertTrue(e.getMessage().contains("maxEntries"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SharedMap.builder().maxEntries(Integer.MAX_VALUE).maxValueBytes(1 << 20).create());
        assertTrue(e.getMessage().contains("one region"), e.getMessage());
    }

    @Test
    void aComputeFunctionMayNotUseItsMapAndAFailingOneChangesNothing() {
        try (SharedMap<String, Integer> map = SharedMap.create(16)) {
            map.put("a", 1);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> map.compute("a", (k, v) -> map.get("b")));
            assertTrue(e.getMessage().contains("compute"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> map.merge("a", 1, (x, y) -> map.entrySet().iterator().hasNext() ? 1 : 0));
            assertThrows(ArithmeticException.class, () -> map.compute("a", (k, v) -> v / 0));
            assertEquals(1, map.get("a"), "the failed functions changed nothing, and the lock was let go");
            assertEquals(2, map.merge("a", 1, Integer::sum));
        }
    }

    @Test
    void recordsAndListsAreKeysAndValues() {
        try (SharedMap<List<Integer>, Map<String, Long>> map = SharedMap.create(16)) {
            map.put(List.of(1, 2), Map.of("x", 1L));
            assertEquals(Map.of("x", 1L), map.get(List.of(1, 2)));
            assertNull(map.get(List.of(2, 1)));
        }
    }

    @Test
    void namedMapsAndTheirLimits() throws Exception {
        String name = names.next("dict");
        try (SharedMap<String, Integer> map = SharedMap.create(name, 50)) {
            map.put("count", 100);
            assertSame(map, SharedMap.open(name));
            assertSame(map, SharedMap.openOrCreate(name, 50));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> SharedMap.openOrCreate(name, 51));
            assertTrue(e.getMessage().contains("50") && e.getMessage().contains("51"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> SharedLong.open(name));
            start("decrementer", () -> {
                SharedMap<String, Integer> mine = SharedMap.open(name);
                mine.merge("count", -1, Integer::sum);
            });
            org.nativeipc.testing.ChildAssertions.assertAllExitOk(children);
            assertEquals(99, map.get("count"));
        }
        assertTrue(SharedMap.unlink(name));
    }
}
