package org.nativeipc.queue;

import static org.junit.jupiter.api.Assertions.*;
import static org.nativeipc.queue.HostileMessages.*;

import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.rmi.Remote;
import java.rmi.server.UnicastRemoteObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nativeipc.codec.CodecException;
import org.nativeipc.codec.DefaultCodec;
import org.nativeipc.codec.SerializationAllowList;

/**
 * Messages built to harm the consumer — JDK gadgets, forged lengths, deep nesting, a hashing
 * bomb — written straight into the ring past {@code put}'s checks: each is refused with a clear
 * error, well within the guard time, it is dropped and counted, and the queue delivers the next
 * message. (The guard is a hang detector, not a speed assertion: unrefused, these payloads
 * take minutes or exhaust memory.)
 */
class HostilePayloadTest {
    private static final Duration GUARD = Duration.ofSeconds(30);

    /** The interface of the exported object whose RMI stub is the gadget. */
    public interface Pinger extends Remote {
        /** Never called. */
        void ping() throws java.rmi.RemoteException;
    }

    @ParameterizedTest
    @EnumSource(QueueKinds.class)
    void anRmiStubIsRefusedBeforeItCanConnectAnywhere(QueueKinds kind) throws Exception {
        Pinger exported = () -> { };
        Remote stub = UnicastRemoteObject.exportObject(exported, 0);
        try {
            assertRefused(kind, asSerializedMessage(serialized(stub)), "reflection proxy", "java.rmi");
        } finally {
            UnicastRemoteObject.unexportObject(exported, true);
        }
    }

    @ParameterizedTest
    @EnumSource(QueueKinds.class)
    void aMapKeyedByUrlIsRefusedBeforeAnyHostIsResolved(QueueKinds kind) throws Exception {
        Map<URL, Integer> map = new HashMap<>(Map.of(new URL("http://127.0.0.1:9/"), 1));
        assertRefused(kind, asSerializedMessage(serialized(map)), "java.net.URL");
    }

    @ParameterizedTest
    @EnumSource(QueueKinds.class)
    void aHugeDeclaredArrayIsRefusedWithoutAllocatingIt(QueueKinds kind) throws Exception {
        byte[] message = asSerializedMessage(intArrayDeclaring(60_000_000));
        assertTrue(message.length < 40, "a tiny message: " + message.length + " bytes");
        assertRefused(kind, message, "array of 60000000 elements");
        ByteBuffer structural = ByteBuffer.allocate(6).order(ByteOrder.nativeOrder());
        structural.put((byte) 22).put(new byte[] {(byte) 0x80, (byte) 0xE1, (byte) 0xEB, 0x17}).put((byte) 0);
        assertRefused(kind, structural.array(), "a count of 50000000 elements");
    }

    @ParameterizedTest
    @EnumSource(QueueKinds.class)
    void aNestedHashSetBombIsRefusedAtTheDepthLimit(QueueKinds kind) throws Exception {
        byte[] bomb = serialized(hashSetBomb(100));
        assertTrue(bomb.length < 8 << 10, "the bomb is small: " + bomb.length + " bytes");
        assertRefused(kind, asSerializedMessage(bomb), "deeper than " + SerializationAllowList.MAX_DEPTH);
    }

    @ParameterizedTest
    @EnumSource(QueueKinds.class)
    void nestingJustOverTheLimitIsRefusedAndJustUnderItPasses(QueueKinds kind) throws Exception {
        assertRefused(kind, nestedLists(DefaultCodec.MAX_DEPTH + 1), "nested more than " + DefaultCodec.MAX_DEPTH);
        assertRefused(kind, asSerializedMessage(serialized(nestedArrayLists(SerializationAllowList.MAX_DEPTH + 1))),
                "deeper than " + SerializationAllowList.MAX_DEPTH);
        try (SharedQueue<Object> q = kind.create(4)) {
            inject(q, nestedLists(DefaultCodec.MAX_DEPTH));
            assertNotNull(q.take(), "a message exactly at the limit is delivered");
            Object allowed = nestedArrayLists(SerializationAllowList.MAX_DEPTH / 2);
            inject(q, asSerializedMessage(serialized(allowed)));
            assertEquals(allowed, q.take());
        }
    }

    @ParameterizedTest
    @EnumSource(value = QueueKinds.class, names = {"SPSC", "MPMC"})
    void decodingHappensAfterTheSlotIsFreeSoProducersNeverWaitForIt(QueueKinds kind) throws Exception {
        CountDownLatch decoding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SlowCodec.await(decoding, release);
        try (SharedQueue<String> q = kind.builder(1).codec(new SlowCodec()).build()) {
            List<Object> taken = new ArrayList<>();
            Thread consumer = new Thread(() -> {
                try {
                    taken.add(q.take());
                } catch (Exception e) {
                    taken.add(e);
                }
            });
            q.put("first");
            consumer.start();
            assertTrue(decoding.await(GUARD.toSeconds(), TimeUnit.SECONDS), "the consumer started decoding");
            assertTrue(q.offer("second", GUARD.toSeconds(), TimeUnit.SECONDS),
                    "the producer found the only slot free while the consumer was still decoding the first element");
            release.countDown();
            consumer.join(GUARD.toMillis());
            assertEquals(List.of("first"), taken);
            release.countDown();
        } finally {
            SlowCodec.await(null, null);
        }
    }

    /**
     * Injects {@code message} into a new queue of {@code kind}, and checks it is refused, counted,
     * and the queue goes on; all in one thread (a queue with one thread per side), under the guard.
     */
    private static void assertRefused(QueueKinds kind, byte[] message, String... oneOf) {
        assertTimeoutPreemptively(GUARD, () -> {
            try (SharedQueue<Object> q = kind.create(4)) {
                inject(q, message);
                q.put("next");
                CodecException e = assertThrows(CodecException.class, q::take);
                assertTrue(List.of(oneOf).stream().anyMatch(e.getMessage()::contains),
                        "the error says what was refused (one of " + List.of(oneOf) + "): " + e.getMessage());
                assertTrue(e.getMessage().contains("dropped"), "the error says the message was dropped: " + e.getMessage());
                assertEquals(1, q.undecodableMessages());
                assertEquals("next", q.poll(GUARD.toSeconds(), TimeUnit.SECONDS), "the queue delivers the next message");
                assertNull(q.poll(), "the refused message is not delivered again");
            }
        }, "the hostile message was not refused within " + GUARD);
    }

    /** A message of the default codec: {@code depth} one-element lists around a null. */
    private static byte[] nestedLists(int depth) {
        byte[] message = new byte[2 * depth + 1];
        for (int i = 0; i < depth; i++) {
            message[2 * i] = 15;
            message[2 * i + 1] = 1;
        }
        return message;
    }

    private static Object nestedArrayLists(int depth) {
        Object v = "core";
        for (int i = 0; i < depth; i++) {
            ArrayList<Object> outer = new ArrayList<>();
            outer.add(v);
            v = outer;
        }
        return v;
    }
}
