package org.nativeipc.queue;

import static org.junit.jupiter.api.Assertions.*;
import static org.nativeipc.testing.ChildAssertions.*;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.tools.ToolProvider;

import org.example.unlisted.Parcel;
import org.junit.jupiter.api.Test;
import org.nativeipc.codec.CodecException;
import org.nativeipc.codec.Codecs;
import org.nativeipc.codec.SerializationAllowList;
import org.nativeipc.process.ChildProcess;
import org.nativeipc.queue.versions.Quote;

/** Records, enums and collections between real processes, the versions check, and handles inside messages. */
class ObjectsAcrossProcessesTest extends WithChildren {

    enum Side {
        BUY, SELL
    }

    record Leg(String symbol, Side side, int lots) {
    }

    record Trade(UUID id, Instant at, List<Leg> legs, Map<String, BigDecimal> fees, Optional<String> note, long[] marks,
            Set<Side> sides) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Trade t && t.id.equals(id) && t.at.equals(at) && t.legs.equals(legs) && t.fees.equals(fees)
                    && t.note.equals(note) && java.util.Arrays.equals(t.marks, marks) && t.sides.equals(sides);
        }

        @Override
        public int hashCode() {
            return id.hashCode();
        }
    }

    /** The same values in every process. */
    static List<Object> samples() {
        Map<String, BigDecimal> fees = new LinkedHashMap<>();
        fees.put("venue", new BigDecimal("0.0015"));
        fees.put("broker", BigDecimal.ONE);
        Trade trade = new Trade(new UUID(7, 9), Instant.ofEpochSecond(1_700_000_000, 123), List.of(new Leg("ACME", Side.BUY, 3),
                new Leg("INIT", Side.SELL, 1)), fees, Optional.of("close"), new long[] {1, -2}, Set.of(Side.BUY));
        return List.of(trade, Side.SELL, new Leg("X", null, 0), new TreeMap<>(Map.of("b", 2L, "a", 1L)), List.of(1, "two", 3.0),
                Optional.empty(), LocalDate.of(2024, 2, 29), new ArrayList<>(List.of(Map.of("nested", List.of(Side.BUY)))),
                new Quote(1, 2.5, "XNYS"));
    }

    @Test
    void recordsEnumsAndCollectionsCrossAQueueExactly() throws Exception {
        try (SharedQueue<Object> q = SharedQueue.create(16)) {
            ChildProcess producer = start(new ChildProcess(() -> {
                for (Object v : samples()) {
                    q.put(v);
                }
            }));
            for (Object expected : samples()) {
                assertEquals(expected, q.poll(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            }
            assertExitsOk(producer);
        }
    }

    @Test
    void recordsEnumsAndCollectionsCrossAPipeBothWays() throws Exception {
        try (Pipe pipe = Pipe.open()) {
            Connection childEnd = pipe.right();
            ChildProcess echo = start(new ChildProcess(() -> {
                for (int i = 0; i < samples().size(); i++) {
                    childEnd.send(childEnd.recv());
                }
            }));
            for (Object v : samples()) {
                pipe.left().send(v);
                assertEquals(v, pipe.left().recv());
            }
            assertExitsOk(echo);
        }
    }

    @Test
    void aRecordWhoseShapeDiffersInTheSenderIsRefusedNamingTheDifference() throws Exception {
        Path classes = compileOtherQuote();
        try (SharedQueue<Object> q = SharedQueue.create(4)) {
            ChildProcess sender = start(new ChildProcess(() -> {
                Class<?> other = Class.forName(Quote.class.getName());
                q.put(other.getDeclaredConstructor(long.class, BigDecimal.class, String.class, int.class)
                        .newInstance(1L, BigDecimal.TEN, "XNYS", 100));
                q.put(new Leg("next", Side.BUY, 1));
            }).jvmOptions("-Xbootclasspath/a:" + classes));
            CodecException e = assertThrows(CodecException.class, () -> q.poll(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            String m = e.getMessage();
            assertTrue(m.contains(Quote.class.getName()), "names the class: " + m);
            assertTrue(m.contains("'size' (int)") && m.contains("only in the sender's version"), "names the added component: " + m);
            assertTrue(m.contains("'price'") && m.contains("BigDecimal in the sender's version and double here"),
                    "names the retyped component: " + m);
            assertEquals(new Leg("next", Side.BUY, 1), q.poll(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the queue carries on");
            assertExitsOk(sender);
        }
    }

    @Test
    void aQueueInsideAMessageAttachesUnderTheReceiversAllowList() throws Exception {
        SerializationAllowList wide = SerializationAllowList.defaults().allowPackage("org.example.unlisted");
        try (SharedQueue<Object> inbox = SharedQueue.create(4);
                SharedQueue<Object> wideQueue = SharedQueue.builder().capacity(4).codec(Codecs.defaults(wide)).build();
                SharedQueue<String> results = SharedQueue.create(4)) {
            ChildProcess receiver = start(new ChildProcess(() -> {
                @SuppressWarnings("unchecked")
                SharedQueue<Object> received = (SharedQueue<Object>) inbox.take();
                try {
                    results.put("decoded " + received.take());
                } catch (CodecException refused) {
                    results.put("refused: " + refused.getMessage());
                }
                results.put("then " + received.take());
            }));
            inbox.put(wideQueue);
            wideQueue.put(new Parcel("outside the receiver's list", 1));
            wideQueue.put("a plain string");
            String first = results.poll(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(first, "the receiver reported");
            assertTrue(first.startsWith("refused") && first.contains(Parcel.class.getName()),
                    "the handle's wider allow-list did not apply in the receiver: " + first);
            assertEquals("then a plain string", results.poll(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            assertExitsOk(receiver);
        }
    }

    /** Compiles a {@link Quote} with {@code price} retyped and a component {@code size} added; returns the class folder. */
    private Path compileOtherQuote() throws Exception {
        Path src = dir.resolve("src/org/nativeipc/queue/versions/Quote.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, "package org.nativeipc.queue.versions;\n"
                + "public record Quote(long seq, java.math.BigDecimal price, String venue, int size) {}\n", StandardCharsets.UTF_8);
        Path out = dir.resolve("other-classes");
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17", "-d", out.toString(), src.toString());
        assertEquals(0, status, "compiling the other version of Quote");
        return out;
    }
}
