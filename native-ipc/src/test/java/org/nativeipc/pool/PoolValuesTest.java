package org.nativeipc.pool;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nativeipc.codec.CodecException;
import org.nativeipc.codec.SerializationAllowList;

/** The value encoding between a pool and its workers, without processes. */
class PoolValuesTest {
    private static Object roundTrip(Object value, PoolValues.Decoder decoder) {
        FrameBuffer out = new FrameBuffer();
        PoolValues.write(value, out);
        ByteBuffer in = ByteBuffer.allocateDirect(out.length()).order(ByteOrder.nativeOrder());
        in.put(0, out.array(), 0, out.length());
        FrameReader reader = new FrameReader().reset(in, 0, out.length());
        Object back = decoder.read(reader);
        assertFalse(reader.hasMore(), "the value was not read to its end");
        return back;
    }

    @Test
    void fastPathValuesAndSerializedOnesRoundTrip() {
        for (Object v : new Object[] {null, 0, -7, Integer.MAX_VALUE, 5L, 2.5, true, false, "", "héllo wörld ✓",
                List.of(1, 2), Map.of("k", 3L), new java.math.BigDecimal("1.50")}) {
            assertEquals(v, roundTrip(v, PoolValues.Decoder.trusted()), "value " + v);
            assertEquals(v, roundTrip(v, PoolValues.Decoder.filtered(SerializationAllowList.defaults())), "value " + v);
        }
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) roundTrip(new byte[] {1, 2, 3}, PoolValues.Decoder.trusted()));
    }

    @Test
    void theFilteredSideRefusesClassesOffItsAllowList() {
        Object back = roundTrip(new Secret("x"), PoolValues.Decoder.filtered(SerializationAllowList.jdkOnly()));
        PoolValues.Failure failure = assertInstanceOf(PoolValues.Failure.class, back);
        CodecException e = assertInstanceOf(CodecException.class, failure.error());
        assertTrue(e.getMessage().contains(Secret.class.getName()), e.getMessage());
        assertEquals(new Secret("x"), roundTrip(new Secret("x"), PoolValues.Decoder.trusted()));
    }

    @Test
    void aValueThatCannotBeSerializedIsRefusedAndNothingIsWritten() {
        FrameBuffer out = new FrameBuffer();
        out.writeInt(42);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PoolValues.write(List.of(new Object()), out));
        assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
        assertEquals(4, out.length(), "the failed value left bytes behind");
    }

    @Test
    void errorsComeBackAsThemselvesOrAsRemoteTaskExceptions() {
        IllegalStateException original = new IllegalStateException("outer", new ArithmeticException("inner"));
        FrameBuffer out = new FrameBuffer();
        PoolValues.writeError(original, out);
        ByteBuffer in = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.nativeOrder());
        Object back = PoolValues.Decoder.filtered(SerializationAllowList.defaults()).read(new FrameReader().reset(in, 0, out.length()));
        Throwable t = assertInstanceOf(PoolValues.Failure.class, back).error();
        assertEquals(IllegalStateException.class, t.getClass());
        assertEquals("inner", t.getCause().getMessage());
        assertArrayEquals(original.getStackTrace(), t.getStackTrace());

        Object refused = PoolValues.Decoder.filtered(SerializationAllowList.jdkOnly().allowPackage("org.nativeipc.codec"))
                .read(new FrameReader().reset(ByteBuffer.wrap(errorBytes(new SecretException("hidden"))).order(ByteOrder.nativeOrder()),
                        0, errorBytes(new SecretException("hidden")).length));
        RemoteTaskException remote = assertInstanceOf(RemoteTaskException.class, ((PoolValues.Failure) refused).error());
        assertEquals(SecretException.class.getName(), remote.remoteClassName());
        assertEquals(SecretException.class.getName() + ": hidden", remote.getMessage());
        assertEquals("errorsComeBackAsThemselvesOrAsRemoteTaskExceptions", remote.getStackTrace()[0].getMethodName());
    }

    private static byte[] errorBytes(Throwable t) {
        FrameBuffer out = new FrameBuffer();
        PoolValues.writeError(t, out);
        return out.toByteArray();
    }

    record Secret(String value) implements java.io.Serializable {
    }

    static final class SecretException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SecretException(String message) {
            super(message);
        }
    }
}
