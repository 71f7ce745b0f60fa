package org.nativeipc.shared;

import static org.junit.jupiter.api.Assertions.*;
import static org.nativeipc.testing.ChildAssertions.assertExitsOk;

import org.junit.jupiter.api.Test;

/** Named values, arrays and blocks: create, open, openOrCreate, unlink, and the wrong kind or size refused. */
class NamedSharedStateTest extends SharedStateSupport {

    @Test
    void namedValueIsSharedWithAChildThatOpensIt() throws Exception {
        String name = names.next("hits");
        try (SharedLong hits = SharedLong.create(name, 10)) {
            assertSame(hits, SharedLong.open(name), "one object per name per process");
            assertSame(hits, SharedLong.openOrCreate(name, 99), "openOrCreate attaches and keeps the value");
            assertEquals(10, hits.get());
            assertExitsOk(start("opener", () -> SharedLong.open(name).addAndGet(5)));
            assertEquals(15, hits.get());
            IllegalStateException exists = assertThrows(IllegalStateException.class, () -> SharedLong.create(name, 0));
            assertTrue(exists.getMessage().contains(name), exists.getMessage());
        }
        assertTrue(SharedLong.unlink(name));
        assertFalse(SharedLong.unlink(name));
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> SharedLong.open(name));
        assertTrue(missing.getMessage().contains("SharedLong.create"), missing.getMessage());
    }

    @Test
    void theWrongKindIsRefused() {
        String name = names.next("value");
        try (SharedDouble d = SharedDouble.create(name, 1.0)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> SharedLong.open(name));
            assertTrue(e.getMessage().contains("SharedDouble") && e.getMessage().contains("not a SharedLong"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> SharedLong.unlink(name), "unlink by the wrong type removes nothing");
            assertThrows(IllegalStateException.class, () -> SharedLongArray.open(name));
            assertThrows(IllegalStateException.class, () -> SharedMemory.open(name));
        }
        String ints = names.next("ints");
        try (SharedIntArray a = SharedIntArray.create(ints, 4)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> SharedLongArray.open(ints));
            assertTrue(e.getMessage().contains("SharedIntArray"), e.getMessage());
            assertSame(a, SharedIntArray.open(ints));
        }
    }

    @Test
    void theWrongSizeIsRefused() {
        String name = names.next("array");
        try (SharedLongArray a = SharedLongArray.create(name, 8)) {
            assertSame(a, SharedLongArray.openOrCreate(name, 8));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> SharedLongArray.openOrCreate(name, 9));
            assertTrue(e.getMessage().contains("8") && e.getMessage().contains("9"), e.getMessage());
        }
        String block = names.next("block");
        try (SharedMemory m = SharedMemory.openOrCreate(block, 4096)) {
            assertEquals(4096, m.size());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> SharedMemory.openOrCreate(block, 10));
            assertTrue(e.getMessage().contains("4096"), e.getMessage());
            assertSame(m, SharedMemory.open(block));
        }
        assertTrue(SharedMemory.unlink(block));
    }

    @Test
    void namedArraysAndDoublesReachAChild() throws Exception {
        String array = names.next("doubles");
        String total = names.next("total");
        try (SharedDoubleArray a = SharedDoubleArray.openOrCreate(array, 3); SharedDouble t = SharedDouble.create(total, 0)) {
            assertExitsOk(start("filler", () -> {
                SharedDoubleArray mine = SharedDoubleArray.open(array);
                for (int i = 0; i < mine.length(); i++) {
                    mine.set(i, i + 0.5);
                    SharedDouble.open(total).addAndGet(i + 0.5);
                }
            }));
            assertArrayEquals(new double[] {0.5, 1.5, 2.5}, a.toArray());
            assertEquals(4.5, t.get());
        }
    }
}
