package org.nativeipc.codec;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The framing of a lone {@code byte[]}: exactly the codec's own encoding, and hostile heads refused. */
class ArrayFramingTest {
    private static final int[] LENGTHS = {0, 1, 127, 128, 16_383, 16_384, (1 << 21) - 1, 1 << 21, 3 << 20};

    @Test
    void headerAndArrayAreTheCodecsOwnEncodingBothWays() {
        for (Codec<?> c : List.of(Codecs.defaults(), Codecs.bytes())) {
            @SuppressWarnings("unchecked")
            Codec<Object> codec = (Codec<Object>) c;
            ArrayFraming<Object> framing = codec.arrayFraming();
            assertNotNull(framing, codec + " frames byte arrays");
            for (int length : LENGTHS) {
                byte[] array = new byte[length];
                Arrays.fill(array, (byte) 0x5a);
                assertSame(array, framing.arrayOf(array));
                CodecOutput framed = new CodecOutput(Integer.MAX_VALUE - 8);
                framing.writeHeader(length, framed);
                assertTrue(framed.length() <= ArrayFraming.MAX_HEADER_BYTES, "header of " + framed.length() + " bytes");
                framed.writeBytes(array, 0, length);
                CodecOutput encoded = new CodecOutput(Integer.MAX_VALUE - 8);
                codec.encode(array, encoded);
                byte[] bytes = Arrays.copyOf(encoded.array(), encoded.length());
                assertArrayEquals(bytes, Arrays.copyOf(framed.array(), framed.length()), codec + ", " + length + " bytes");
                int headLength = Math.min(bytes.length, ArrayFraming.MAX_HEADER_BYTES);
                int header = framing.headerLength(Arrays.copyOf(bytes, headLength), headLength, bytes.length);
                assertEquals(bytes.length - length, header, codec + " finds its header, " + length + " bytes");
                assertArrayEquals(array, (byte[]) framing.valueOf(Arrays.copyOfRange(bytes, header, bytes.length)));
                assertArrayEquals(array, (byte[]) codec.decode(ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder()), 0, bytes.length));
            }
        }
    }

    @Test
    void otherValuesAndHostileHeadsAreLeftToTheDecoder() {
        ArrayFraming<Object> framing = Codecs.defaults().arrayFraming();
        assertNull(framing.arrayOf("text"), "a String is encoded as usual");
        assertNull(framing.arrayOf(new int[3]), "an int[] is encoded as usual");
        assertEquals(-1, framing.headerLength(new byte[] {2, 4}, 2, 6), "another tag (STRING)");
        assertEquals(-1, framing.headerLength(new byte[] {1, 4}, 2, 7), "a length that does not reach the message's end");
        assertEquals(-1, framing.headerLength(new byte[] {1, 4}, 2, 5), "a length beyond the message's end");
        assertEquals(-1, framing.headerLength(new byte[] {1}, 1, 1), "no length at all");
        byte[] endless = {1, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 1};
        assertEquals(-1, framing.headerLength(endless, endless.length, 1L << 40), "a varint longer than five bytes");
        byte[] huge = {1, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f};
        assertEquals(-1, framing.headerLength(huge, huge.length, 40), "a length far beyond the message");
        assertEquals(2, framing.headerLength(new byte[] {1, 4, 9, 9}, 4, 6));
    }
}
