package org.nativeipc.queue;

import static org.junit.jupiter.api.Assertions.*;
import static org.nativeipc.testing.ChildAssertions.*;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nativeipc.process.ChildProcess;

/** Queues between real processes: order, exactly-once delivery, blocking and resuming, ending. */
class QueueAcrossProcessesTest extends WithChildren {
    private static final int FIFO_MESSAGES = 1_000_000;
    private static final int PER_PRODUCER = 100_000;

    @ParameterizedTest
    @EnumSource(QueueKinds.class)
    void fifoOrderForAMillionMessages(QueueKinds kind) throws Exception {
        try (SharedQueue<Integer> q = kind.builder(1024).maxMessageBytes(64).producers(1).build()) {
            ChildProcess producer = start(new ChildProcess(() -> {
                for (int i = 0; i < FIFO_MESSAGES; i++) {
                    q.put(i);
                }
                q.close();
            }));
            for (int i = 0; i < FIFO_MESSAGES; i++) {
                int got = q.take();
                if (got != i) {
                    fail("message " + i + " arrived as " + got + ": order broken");
                }
            }
            assertThrows(EndOfStreamException.class, q::take, "the producer closed: take() must end, not block");
            assertExitsOk(producer);
        }
    }

    @Test
    void twoProducersTwoConsumersDeliverEveryMessageExactlyOnce() throws Exception {
        try (SharedQueue<Long> q = SharedQueue.builder().capacity(256).maxMessageBytes(64).producers(2).build()) {
            List<ChildProcess> producers = new ArrayList<>();
            for (int p = 0; p < 2; p++) {
                long first = (long) p * PER_PRODUCER;
                producers.add(start(new ChildProcess(() -> {
                    for (long i = first; i < first + PER_PRODUCER; i++) {
                        q.put(i);
                    }
                    q.close();
                })));
            }
            List<ChildProcess> consumers = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                String out = file("consumer-" + c);
                consumers.add(start(new ChildProcess(() -> {
                    BitSet seen = new BitSet();
                    long[] lastOfProducer = {-1, -1};
                    try {
                        while (true) {
                            long v = q.take();
                            int producer = (int) (v / PER_PRODUCER);
                            if (v <= lastOfProducer[producer]) {
                                throw new AssertionError("producer " + producer + "'s messages out of order: " + v + " after "
                                        + lastOfProducer[producer]);
                            }
                            lastOfProducer[producer] = v;
                            if (seen.get((int) v)) {
                                throw new AssertionError("message " + v + " delivered twice to one consumer");
                            }
                            seen.set((int) v);
                        }
                    } catch (EndOfStreamException end) {
                        writeBits(Path.of(out), seen);
                    }
                })));
            }
            assertAllExitOk(producers);
            assertAllExitOk(consumers);
            BitSet all = new BitSet();
            long total = 0;
            for (int c = 0; c < 2; c++) {
                BitSet got = readBits(dir.resolve("consumer-" + c));
                assertFalse(all.intersects(got), "a message was delivered to both consumers");
                total += got.cardinality();
                all.or(got);
            }
            assertEquals(2L * PER_PRODUCER, total, "every message delivered exactly once");
            assertEquals(2 * PER_PRODUCER, all.nextClearBit(0), "no message missing");
        }
    }

    @ParameterizedTest
    @EnumSource(QueueKinds.class)
    void putBlocksWhenFullAndResumesWhenTaken(QueueKinds kind) throws Exception {
        try (SharedQueue<Integer> q = kind.create(2)) {
            String doneFile = file("done");
            Path done = Path.of(doneFile);
            ChildProcess producer = start(new ChildProcess(() -> {
                for (int i = 0; i < 5; i++) {
                    q.put(i);
                }
                Files.writeString(Path.of(doneFile), "all put");
            }));
            awaitTrue(() -> q.size() == 2, "the producer to fill the queue");
            Thread.sleep(200);
            assertTrue(producer.isAlive(), "the producer must block on the full queue");
            assertFalse(Files.exists(done), "the producer cannot have put 5 elements into a queue of 2");
            assertEquals(2, q.size());
            for (int i = 0; i < 5; i++) {
                assertEquals(i, q.poll(30, TimeUnit.SECONDS), "element " + i + " after the producer resumed");
            }
            assertExitsOk(producer);
            assertTrue(Files.exists(done));
        }
    }

    @ParameterizedTest
    @EnumSource(QueueKinds.class)
    void timedPollIsWokenByAnotherProcessAndTakeEndsWhenProducersClose(QueueKinds kind) throws Exception {
        try (SharedQueue<String> q = kind.builder(4).producers(1).build()) {
            ChildProcess producer = start(new ChildProcess(() -> {
                Thread.sleep(300);
                q.put("late");
                q.close();
            }));
            assertEquals("late", q.poll(60, TimeUnit.SECONDS));
            assertThrows(EndOfStreamException.class, q::take);
            assertNull(q.poll(60, TimeUnit.SECONDS), "a timed poll returns null at once when every producer is gone");
            assertExitsOk(producer);
        }
    }

    @Test
    void childrenThatPutAResultAndExitDoNotEndTheStream() throws Exception {
        try (SharedQueue<String> results = SharedQueue.create(4)) {
            ChildProcess first = start(new ChildProcess(() -> results.put("first")));
            assertEquals("first", results.take());
            assertExitsOk(first);
            ChildProcess second = start(new ChildProcess(() -> {
                Thread.sleep(200);
                results.put("second");
            }));
            assertEquals("second", results.take(), "a producer that exited without closing does not end the stream");
            assertExitsOk(second);
        }
    }

    @ParameterizedTest
    @EnumSource(QueueKinds.class)
    void aProcessThatReattachesManyTimesStaysOneParticipant(QueueKinds kind) throws Exception {
        int attachments = 3 * MpmcRing.PARTICIPANT_SLOTS / 2;
        try (SharedQueue<Integer> q = kind.create(attachments)) {
            byte[] handle = serialize(q);
            ChildProcess worker = start(new ChildProcess(() -> {
                for (int i = 0; i < attachments; i++) {
                    // What a pool worker does for each task that captured the queue: attach, use, drop.
                    try (SharedQueue<Integer> attached = deserialize(handle)) {
                        attached.put(i);
                    }
                }
            }));
            assertExitsOk(worker);
            for (int i = 0; i < attachments; i++) {
                assertEquals(i, q.poll(30, TimeUnit.SECONDS));
            }
        }
    }

    static byte[] serialize(Object o) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    @SuppressWarnings("unchecked")
    static <T> T deserialize(byte[] bytes) throws Exception {
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return (T) in.readObject();
        }
    }

    @Test
    void interruptEndsABlockedTake() throws Exception {
        try (SharedQueue<String> q = SharedQueue.create(2)) {
            Thread taker = new Thread(() -> assertThrows(InterruptedException.class, q::take));
            taker.start();
            Thread.sleep(100);
            taker.interrupt();
            taker.join(TimeUnit.SECONDS.toMillis(30));
            assertFalse(taker.isAlive(), "take() must end when interrupted");
        }
    }

    static void writeBits(Path file, BitSet bits) throws Exception {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            byte[] bytes = bits.toByteArray();
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    static BitSet readBits(Path file) throws Exception {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            return BitSet.valueOf(in.readNBytes(in.readInt()));
        }
    }
}
