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
    private static final int LIMIT = 1 << 16;
    private static final SerializationAllowList DEFAULTS = SerializationAllowList.defaults();

    private static Object roundTrip(Object value, SerializationAllowList writer, SerializationAllowList reader) {
        FrameBuffer out = new FrameBuffer();
        new PoolValues.Encoder(writer, 1, LIMIT).write(value, out);
        ByteBuffer in = ByteBuffer.allocateDirect(out.length()).order(ByteOrder.nativeOrder());
        in.put(0, out.array(), 0, out.length());
        FrameReader frames = new FrameReader().reset(in, 0, out.length());
        Object back = new PoolValues.Decoder(reader).read(frames);
        assertFalse(frames.hasMore(), "the value was not read to its end");
        return back;
    }

    @Test
    void scalarsAndCodecValuesRoundTrip() {
        for (Object v : new Object[] {null, 0, -7, Integer.MAX_VALUE, 5L, 2.5, true, false, "", "héllo wörld ✓",
                List.of(1, 2), Map.of("k", 3L), new java.math.BigDecimal("1.50"), new Plain(3, "x")}) {
            assertEquals(v, roundTrip(v, DEFAULTS, DEFAULTS), "value " + v);
        }
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) roundTrip(new byte[] {1, 2, 3}, DEFAULTS, DEFAULTS));
    }

    @Test
    void aValueOffTheAllowListIsRefusedWhenWrittenAndWhenRead() {
        SerializationAllowList jdk = SerializationAllowList.jdkOnly();
        FrameBuffer out = new FrameBuffer();
        out.writeInt(42);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PoolValues.Encoder(jdk, 1, LIMIT).write(new Secret("x"), out));
        assertTrue(e.getMessage().contains(Secret.class.getName()), e.getMessage());
        assertEquals(4, out.length(), "the refused value left bytes behind");
        Object back = roundTrip(new Secret("x"), DEFAULTS.allowPackage("org.nativeipc.pool"), jdk);
        CodecException refused = assertInstanceOf(CodecException.class, assertInstanceOf(PoolValues.Failure.class, back).error());
        assertTrue(refused.getMessage().contains(Secret.class.getName()), refused.getMessage());
    }

    @Test
    void aValueThatCannotBeSerializedIsRefused() {
        FrameBuffer out = new FrameBuffer();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PoolValues.Encoder(DEFAULTS, 1, LIMIT).write(List.of(new Object()), out));
        assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
        assertEquals(0, out.length());
    }

    @Test
    void errorsComeBackAsThemselvesOrAsRemoteTaskExceptions() {
        IllegalStateException original = new IllegalStateException("outer", new ArithmeticException("inner"));
        Throwable t = readError(original, SerializationAllowList.jdkOnly());
        assertEquals(IllegalStateException.class, t.getClass(), "JDK exceptions are recreated");
        assertEquals("inner", t.getCause().getMessage());
        assertArrayEquals(original.getStackTrace(), t.getStackTrace());

        Throwable allowed = readError(new SecretException("known"), SerializationAllowList.jdkOnly().allowPackage("org.nativeipc.pool"));
        assertEquals(SecretException.class, allowed.getClass(), "exceptions of allowed packages are recreated");

        Throwable refused = readError(new SecretException("hidden"), SerializationAllowList.jdkOnly());
        RemoteTaskException remote = assertInstanceOf(RemoteTaskException.class, refused);
        assertEquals(SecretException.class.getName(), remote.remoteClassName());
        assertEquals(SecretException.class.getName() + ": hidden", remote.getMessage());
        assertEquals("errorsComeBackAsThemselvesOrAsRemoteTaskExceptions", remote.getStackTrace()[0].getMethodName());
    }

    private static Throwable readError(Throwable error, SerializationAllowList reader) {
        FrameBuffer out = new FrameBuffer();
        PoolValues.writeError(error, out);
        ByteBuffer in = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.nativeOrder());
        Object back = new PoolValues.Decoder(reader).read(new FrameReader().reset(in, 0, out.length()));
        return assertInstanceOf(PoolValues.Failure.class, back).error();
    }

    /** A record that is not Serializable: the default codec writes it structurally. */
    record Plain(int x, String y) {
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
