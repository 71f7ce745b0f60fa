package org.nativeipc.queue;

import static org.junit.jupiter.api.Assertions.*;
import static org.nativeipc.testing.ChildAssertions.*;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.example.unlisted.Parcel;
import org.junit.jupiter.api.Test;
import org.nativeipc.codec.Codec;
import org.nativeipc.codec.CodecException;
import org.nativeipc.codec.Codecs;
import org.nativeipc.codec.SerializationAllowList;
import org.nativeipc.process.ChildProcess;

/** Deserialization is limited to an allow-list; a refused message does not poison the queue. */
class AllowListTest {

    @Test
    void aClassOutsideTheAllowListIsRefusedByTheConsumerAndTheQueueCarriesOn() throws Exception {
        try (SharedQueue<Object> q = SharedQueue.create(4)) {
            ChildProcess producer = new ChildProcess(() -> {
                // A producer that bypasses put's check (another codec, or a hostile process).
                Codec<Object> wider = Codecs.defaults(SerializationAllowList.defaults().allowPackage("org.example.unlisted"));
                HostileMessages.inject(q, HostileMessages.encoded(wider, new Parcel("gadget", 1)));
                q.put("next");
            }).start();
            assertExitsOk(producer);
            CodecException e = assertThrows(CodecException.class, q::take);
            assertTrue(e.getMessage().contains(Parcel.class.getName()), "the error names the class: " + e.getMessage());
            assertTrue(e.getMessage().contains("allowPackage"), "the error says how to allow it: " + e.getMessage());
            assertTrue(e.getMessage().contains("pid " + producer.pid()) || e.getMessage().contains(" " + producer.pid() + " "),
                    "the error names the producer: " + e.getMessage());
            assertEquals("next", q.poll(30, TimeUnit.SECONDS), "the queue carries on after a refused message");
            assertNull(q.poll());
            assertEquals(1, q.undecodableMessages());
        }
    }

    @Test
    void putRefusesWhatTheConsumersWouldRefuseBeforeAnythingIsWritten() throws Exception {
        try (SharedQueue<Object> q = SharedQueue.create(4)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> q.put(List.of(new Parcel("p", 1))));
            assertTrue(e.getMessage().contains(Parcel.class.getName()) && e.getMessage().contains("allowPackage(\"org.example.unlisted\")"),
                    "the same clear message as the consumer's: " + e.getMessage());
            assertEquals(0, q.size(), "nothing was written");
        }
    }

    @Test
    void aPipeRefusesToSendWhatItsReceiverWouldRefuse() {
        try (Pipe pipe = Pipe.open()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pipe.right().send(new Parcel("p", 1)));
            assertTrue(e.getMessage().contains(Parcel.class.getName()), e.getMessage());
            assertFalse(pipe.left().poll(java.time.Duration.ZERO), "nothing was written");
        }
    }

    @Test
    void oneBuilderCallAllowsAPackage() throws Exception {
        try (SharedQueue<Object> q = SharedQueue.builder().capacity(4).allowPackage("org.example.unlisted").build()) {
            ChildProcess producer = new ChildProcess(() -> q.put(new Parcel("allowed", 4))).start();
            assertEquals(new Parcel("allowed", 4), q.poll(60, TimeUnit.SECONDS));
            assertExitsOk(producer);
        }
        IllegalStateException both = assertThrows(IllegalStateException.class,
                () -> SharedQueue.builder().capacity(4).allowPackage("org.example").codec(Codecs.utf8()).build());
        assertTrue(both.getMessage().contains("allowPackage"), both.getMessage());
    }

    @Test
    void anAllowedPackageIsDeserialized() throws Exception {
        SerializationAllowList allowList = SerializationAllowList.defaults().allowPackage("org.example.unlisted");
        try (SharedQueue<Object> q = SharedQueue.builder().capacity(4).codec(Codecs.defaults(allowList)).build()) {
            ChildProcess producer = new ChildProcess(() -> q.put(new Parcel("ok", 2))).start();
            assertEquals(new Parcel("ok", 2), q.poll(60, TimeUnit.SECONDS));
            assertExitsOk(producer);
        }
    }

    @Test
    void theCreatorsPackageIsAllowedByDefault() throws Exception {
        try (SharedQueue<Object> q = Parcel.queueCreatedHere(4)) {
            q.put(new Parcel("mine", 3));
            assertEquals(new Parcel("mine", 3), q.take());
        }
    }

    @Test
    void aValueThatIsNotSerializableIsRefusedBeforeAnythingIsWritten() throws Exception {
        try (SharedQueue<Object> q = SharedQueue.create(4)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> q.put(new Object()));
            assertTrue(e.getMessage().contains("not Serializable"), e.getMessage());
            assertEquals(0, q.size());
        }
    }
}
