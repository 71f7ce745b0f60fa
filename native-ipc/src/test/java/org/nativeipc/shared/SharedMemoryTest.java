package org.nativeipc.shared;

import static org.junit.jupiter.api.Assertions.*;
import static org.nativeipc.testing.ChildAssertions.assertExitsOk;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** {@link SharedMemory}: a buffer of raw bytes written by a child and read by its parent. */
class SharedMemoryTest extends SharedStateSupport {

    @Test
    void aChildWritesBytesTheParentReads() throws Exception {
        try (SharedMemory block = SharedMemory.create(100)) {
            ByteBuffer buffer = block.buffer();
            assertEquals(100, block.size());
            assertEquals(100, buffer.capacity());
            assertEquals(ByteOrder.nativeOrder(), buffer.order());
            assertEquals(0, buffer.position());
            buffer.putLong(0, 41);
            assertExitsOk(start("writer", () -> {
                ByteBuffer b = block.buffer();
                b.putLong(0, b.getLong(0) + 1);
                b.position(8);
                b.put("hello".getBytes(StandardCharsets.US_ASCII));
            }));
            assertEquals(42, buffer.getLong(0));
            byte[] text = new byte[5];
            block.buffer().get(8, text);
            assertEquals("hello", new String(text, StandardCharsets.US_ASCII));
            assertEquals(0, buffer.position(), "each buffer() is independent of the others");
        }
    }

    @Test
    void sizesOutsideOneRegionAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SharedMemory.create(-1));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SharedMemory.create(3L << 30));
        assertTrue(e.getMessage().contains("2 GiB"), e.getMessage());
        try (SharedMemory empty = SharedMemory.create(0)) {
            assertEquals(0, empty.buffer().capacity());
        }
    }
}
