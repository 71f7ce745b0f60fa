package org.nativeipc.queue;

import static org.junit.jupiter.api.Assertions.*;
import static org.nativeipc.testing.ChildAssertions.*;

import java.util.concurrent.TimeUnit;

import org.example.unlisted.Parcel;
import org.junit.jupiter.api.Test;
import org.nativeipc.codec.CodecException;
import org.nativeipc.codec.Codecs;
import org.nativeipc.codec.SerializationAllowList;
import org.nativeipc.process.ChildProcess;

/** Deserialization is limited to an allow-list; a refused message does not poison the queue. */
class AllowListTest {

    @Test
    void aClassOutsideTheAllowListIsRefusedAndTheQueueCarriesOn() throws Exception {
        try (SharedQueue<Object> q = SharedQueue.create(4)) {
            ChildProcess producer = new ChildProcess(() -> {
                q.put(new Parcel("gadget", 1));
                q.put("next");
            }).start();
            assertExitsOk(producer);
            CodecException e = assertThrows(CodecException.class, q::take);
            assertTrue(e.getMessage().contains(Parcel.class.getName()), "the error names the class: " + e.getMessage());
            assertTrue(e.getMessage().contains("allowPackage"), "the error says how to allow it: " + e.getMessage());
            assertEquals("next", q.poll(30, TimeUnit.SECONDS), "the queue carries on after a refused message");
            assertNull(q.poll());
        }
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
