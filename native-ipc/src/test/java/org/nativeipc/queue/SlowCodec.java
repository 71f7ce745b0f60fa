package org.nativeipc.queue;

import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.nativeipc.codec.Codec;
import org.nativeipc.codec.CodecOutput;
import org.nativeipc.codec.Codecs;

/** UTF-8 strings whose decoding announces itself and then waits to be released (for one test, in one process). */
final class SlowCodec implements Codec<String> {
    private static final long serialVersionUID = 1L;
    private static final long MAX_WAIT_SECONDS = 60;
    private static volatile CountDownLatch decoding;
    private static volatile CountDownLatch release;

    /** Decoding from now on counts {@code started} down, then waits for {@code go} (nulls: decode at once). */
    static void await(CountDownLatch started, CountDownLatch go) {
        decoding = started;
        release = go;
    }

    @Override
    public void encode(String value, CodecOutput out) {
        Codecs.utf8().encode(value, out);
    }

    @Override
    public String decode(ByteBuffer buffer, int offset, int length) {
        CountDownLatch started = decoding;
        CountDownLatch go = release;
        if (started != null) {
            started.countDown();
            try {
                go.await(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return Codecs.utf8().decode(buffer, offset, length);
    }
}
