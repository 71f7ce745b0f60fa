package org.nativeipc.queue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.nativeipc.codec.Codec;
import org.nativeipc.codec.CodecOutput;

/**
 * Messages a hostile or misconfigured producer could write, and the way to write them: straight
 * into a queue's ring, past the producer-side checks of {@code put}.
 */
final class HostileMessages {
    /** Tag of a Java-serialized value in the default codec's wire format. */
    static final byte SERIALIZED = 100;

    private HostileMessages() {
    }

    /** Writes {@code message} into {@code queue}'s ring as it is. */
    static void inject(SharedQueue<?> queue, byte[] message) throws InterruptedException {
        queue.ring.write(message, 0, message.length, AbstractRing.KIND_MESSAGE, Long.MAX_VALUE, false);
    }

    /** {@code value} encoded by {@code codec} (which may allow more than the queue's). */
    static byte[] encoded(Codec<Object> codec, Object value) {
        CodecOutput out = new CodecOutput(1 << 20);
        codec.encode(value, out);
        return Arrays.copyOf(out.array(), out.length());
    }

    /** {@code value} Java-serialized with no checks at all. */
    static byte[] serialized(Object value) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(value);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Java-serialization bytes as a SERIALIZED message of the default codec. */
    static byte[] asSerializedMessage(byte[] serialized) {
        ByteBuffer message = ByteBuffer.allocate(1 + Integer.BYTES + serialized.length).order(ByteOrder.nativeOrder());
        message.put(SERIALIZED).putInt(serialized.length).put(serialized);
        return message.array();
    }

    /** The Java serialization of an {@code int[]} whose header declares {@code length} elements, with none following. */
    static byte[] intArrayDeclaring(int length) {
        byte[] empty = serialized(new int[0]);
        ByteBuffer.wrap(empty).putInt(empty.length - Integer.BYTES, length);
        return empty;
    }

    /**
     * The "SerialDOS" bomb: {@code levels} levels of two sets each holding both sets of the next
     * level, so that hashing the root visits 2^levels sets; about 5.7 KB for 100 levels.
     */
    static Set<Object> hashSetBomb(int levels) {
        Set<Object> root = new HashSet<>();
        Set<Object> s1 = root;
        Set<Object> s2 = new HashSet<>();
        for (int i = 0; i < levels; i++) {
            Set<Object> t1 = new HashSet<>();
            Set<Object> t2 = new HashSet<>();
            t1.add("foo");
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        return root;
    }
}
