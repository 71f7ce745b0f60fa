package org.nativeipc.codec;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Round trips of the codecs through a buffer like the rings' (native order, absolute offsets). */
class CodecsTest {

    private static <E> E roundTrip(Codec<E> codec, E value) {
        CodecOutput out = new CodecOutput(1 << 16);
        codec.encode(value, out);
        ByteBuffer shared = ByteBuffer.allocateDirect(out.length() + 16).order(ByteOrder.nativeOrder());
        shared.put(7, out.array(), 0, out.length());
        return codec.decode(shared, 7, out.length());
    }

    @Test
    void theDefaultCodecKeepsEveryFastPathType() {
        Codec<Object> codec = Codecs.defaults();
        for (Object v : new Object[] {null, 0, -1, Integer.MAX_VALUE, 5L, 2.5, 1.5f, (short) -3, (byte) 9, 'z', true, false,
                "", "ascii", "h\u00e9llo w\u00f6rld \u4e16\u754c \ud83d\ude00", "x".repeat(1000)}) {
            assertEquals(v, roundTrip(codec, v));
        }
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) roundTrip(codec, new byte[] {1, 2, 3}));
    }

    @Test
    void theDefaultCodecFallsBackToSerializationForJdkTypes() {
        Codec<Object> codec = Codecs.defaults();
        for (Object v : new Object[] {List.of(1, "two"), Map.of("k", 3.0), new BigDecimal("1.25"), LocalDate.of(2020, 1, 2)}) {
            assertEquals(v, roundTrip(codec, v));
        }
    }

    @Test
    void smallValuesAreSmall() {
        CodecOutput out = new CodecOutput(64);
        Codecs.defaults().encode(12345, out);
        assertEquals(5, out.length(), "an Integer is a tag and four bytes");
    }

    @Test
    void theOutputLimitRefusesOversizedValuesEarly() {
        CodecOutput out = new CodecOutput(10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Codecs.defaults().encode("this string is longer than ten bytes", out));
        assertTrue(e.getMessage().contains("10 bytes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Codecs.defaults().encode(List.of("a", "b", "c", "d"), out.reset(10)));
    }

    @Test
    void rawAndUtf8Codecs() {
        assertArrayEquals(new byte[] {9, 8}, roundTrip(Codecs.bytes(), new byte[] {9, 8}));
        assertEquals("gr\u00fc\u00dfe", roundTrip(Codecs.utf8(), "gr\u00fc\u00dfe"));
        assertEquals("", roundTrip(Codecs.utf8(), ""));
    }

    @Test
    void javaSerializationRefusesClassesOutsideTheList() {
        Codec<Object> jdkOnly = Codecs.java(SerializationAllowList.jdkOnly());
        IllegalArgumentException early = assertThrows(IllegalArgumentException.class, () -> roundTrip(jdkOnly, new Outsider(1)));
        assertTrue(early.getMessage().contains(Outsider.class.getName()), "the writer refuses what readers would: " + early.getMessage());
        CodecOutput out = new CodecOutput(1 << 16);
        Codecs.java(SerializationAllowList.jdkOnly().allowClass(Outsider.class)).encode(new Outsider(1), out);
        CodecException e = assertThrows(CodecException.class,
                () -> jdkOnly.decode(ByteBuffer.wrap(out.array(), 0, out.length()).order(ByteOrder.nativeOrder()), 0, out.length()));
        assertTrue(e.getMessage().contains(Outsider.class.getName()), e.getMessage());
        assertEquals(new Outsider(2), roundTrip(Codecs.java(SerializationAllowList.jdkOnly().allowClass(Outsider.class)), new Outsider(2)));
    }

    @Test
    void corruptOrForeignBytesGiveACodecException() {
        ByteBuffer junk = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
        junk.put(0, (byte) 77);
        assertThrows(CodecException.class, () -> Codecs.defaults().decode(junk, 0, 8));
        assertThrows(CodecException.class, () -> Codecs.defaults().decode(junk, 0, 0));
        junk.put(0, (byte) 100);
        assertThrows(CodecException.class, () -> Codecs.defaults().decode(junk, 0, 8));
    }

    @Test
    void allowListEntriesAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> SerializationAllowList.defaults().allowPackage("not a package"));
        assertThrows(IllegalArgumentException.class, () -> SerializationAllowList.defaults().allowClass(int[].class));
        assertTrue(SerializationAllowList.defaults().allows(String[][].class));
        assertTrue(SerializationAllowList.defaults().allows(int[].class));
        assertFalse(SerializationAllowList.jdkOnly().allows(Outsider.class));
    }

    record Outsider(int value) implements java.io.Serializable {
    }
}
