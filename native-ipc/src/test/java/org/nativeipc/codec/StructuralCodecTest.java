package org.nativeipc.codec;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.example.unlisted.Parcel;
import org.junit.jupiter.api.Test;

/** The default codec's structural encoding: what round-trips, and what it refuses when writing. */
class StructuralCodecTest {
    static final Codec<Object> CODEC = Codecs.defaults(SerializationAllowList.defaults().allowPackage("org.nativeipc"));

    record Tick(long seq, double price, String symbol) {
    }

    enum Side {
        BUY, SELL {
            @Override
            public String toString() {
                return "sell (a constant with a body)";
            }
        }
    }

    record Order(Tick tick, Side side, List<Long> ids, Map<String, Integer> counts, Optional<String> note, int[] lots,
            UUID id, Instant at, BigDecimal amount, Object anything) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Order x && Objects.equals(x.tick, tick) && x.side == side && Objects.equals(x.ids, ids)
                    && Objects.equals(x.counts, counts) && x.note.equals(note) && Arrays.equals(x.lots, lots) && x.id.equals(id)
                    && x.at.equals(at) && x.amount.equals(amount) && Objects.equals(x.anything, anything);
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(tick);
        }
    }

    record Node(int value, Node next) {
    }

    sealed interface Shape permits Circle, Square {
    }

    record Circle(double radius) implements Shape {
    }

    record Square(double side) implements Shape {
    }

    record Primitives(boolean z, byte b, short s, char c, int i, long l, float f, double d) {
    }

    record Validated(int positive) {
        Validated {
            if (positive <= 0) {
                throw new IllegalArgumentException("positive must be > 0, was " + positive);
            }
        }
    }

    static Object roundTrip(Object value) {
        return decode(encode(value));
    }

    static byte[] encode(Object value) {
        CodecOutput out = new CodecOutput(1 << 20);
        CODEC.encode(value, out);
        return Arrays.copyOf(out.array(), out.length());
    }

    static Object decode(byte[] message) {
        ByteBuffer shared = ByteBuffer.allocateDirect(message.length + 16).order(ByteOrder.nativeOrder());
        shared.put(5, message, 0, message.length);
        return CODEC.decode(shared, 5, message.length);
    }

    @Test
    void recordsRoundTripThroughTheirCanonicalConstructor() {
        Tick tick = new Tick(42, 101.25, "ACME");
        assertEquals(tick, roundTrip(tick));
        assertEquals(new Tick(-1, Double.NaN, null), roundTrip(new Tick(-1, Double.NaN, null)));
        Order order = new Order(tick, Side.SELL, List.of(1L, 2L), new LinkedHashMap<>(Map.of("a", 1)), Optional.of("n"),
                new int[] {3, 4}, UUID.randomUUID(), Instant.ofEpochSecond(5, 6), new BigDecimal("12.345"), List.of(Side.BUY, tick));
        assertEquals(order, roundTrip(order));
        Order sparse = new Order(null, null, null, null, Optional.empty(), null, new UUID(1, 2), Instant.EPOCH, BigDecimal.ONE, null);
        assertEquals(sparse, roundTrip(sparse));
        assertEquals(new Primitives(true, (byte) -2, (short) 3, 'x', -4, Long.MIN_VALUE, 1.5f, -0.0),
                roundTrip(new Primitives(true, (byte) -2, (short) 3, 'x', -4, Long.MIN_VALUE, 1.5f, -0.0)));
    }

    @Test
    void recursiveAndSealedRecordsAndEnumsWithBodies() {
        Node list = new Node(1, new Node(2, new Node(3, null)));
        assertEquals(list, roundTrip(list));
        List<Shape> shapes = List.of(new Circle(1), new Square(2), new Circle(3));
        assertEquals(shapes, roundTrip(shapes));
        assertSame(Side.SELL, roundTrip(Side.SELL));
        assertSame(DayOfWeek.FRIDAY, roundTrip(DayOfWeek.FRIDAY));
    }

    @Test
    void aTypeIsDefinedOncePerMessage() {
        int one = encode(List.of(new Tick(1, 1, "A"))).length;
        int three = encode(List.of(new Tick(1, 1, "A"), new Tick(2, 2, "B"), new Tick(3, 3, "C"))).length;
        int tickBody = 8 + 8 + 1 + 1 + 1;
        assertEquals(one + 2 * (1 + 1 + tickBody), three, "later Ticks cost a tag, a one-byte reference and their components");
    }

    @Test
    void jdkValuesRoundTrip() {
        ZonedDateTime zoned = ZonedDateTime.of(2024, 3, 31, 2, 30, 0, 5, ZoneId.of("Europe/Paris"));
        for (Object v : new Object[] {UUID.randomUUID(), new BigInteger("-123456789012345678901234567890"), new BigDecimal("-0.000123"),
                Instant.now(), Duration.ofNanos(-5), LocalDate.of(1, 2, 3), LocalTime.of(4, 5, 6, 7), LocalDateTime.now(),
                OffsetDateTime.now(), OffsetTime.now(), zoned, ZoneOffset.ofHours(-3), ZoneId.of("Asia/Tokyo"), Period.of(1, -2, 3),
                Year.of(2024), YearMonth.of(2024, 2), MonthDay.of(2, 29), Optional.empty(), Optional.of(List.of())}) {
            assertEquals(v, roundTrip(v), v.getClass().getName());
        }
    }

    @Test
    void collectionsAndArraysRoundTrip() {
        Map<String, Long> map = new LinkedHashMap<>();
        for (int i = 0; i < 8; i++) {
            map.put("key" + i, (long) i << 40);
        }
        Object back = roundTrip(map);
        assertEquals(map, back);
        assertEquals(List.copyOf(map.keySet()), List.copyOf(((Map<?, ?>) back).keySet()), "iteration order is kept");
        assertEquals(new TreeMap<>(Map.of("b", 1, "a", 2)), roundTrip(new TreeMap<>(Map.of("b", 1, "a", 2))));
        assertInstanceOf(TreeSet.class, roundTrip(new TreeSet<>(Set.of(3, 1, 2))));
        assertEquals(new HashMap<>(Map.of(List.of(1), Set.of("x"))), roundTrip(Map.of(List.of(1), Set.of("x"))));
        assertEquals(Arrays.asList(1, null, "two"), roundTrip(Arrays.asList(1, null, "two")));
        LinkedList<Integer> linked = new LinkedList<>(List.of(1, 2));
        assertInstanceOf(LinkedList.class, roundTrip(linked), "a LinkedList keeps its class (Java serialization)");
        assertArrayEquals(new long[] {1, -1}, (long[]) roundTrip(new long[] {1, -1}));
        assertArrayEquals(new double[] {0.5}, (double[]) roundTrip(new double[] {0.5}));
        assertArrayEquals(new char[] {'a', '\u4e16'}, (char[]) roundTrip(new char[] {'a', '\u4e16'}));
        assertArrayEquals(new boolean[] {true, false}, (boolean[]) roundTrip(new boolean[] {true, false}));
        assertArrayEquals(new short[] {7}, (short[]) roundTrip(new short[] {7}));
        assertArrayEquals(new float[] {}, (float[]) roundTrip(new float[] {}));
        assertEquals("h\u00e9llo \ud83d\ude00", roundTrip("h\u00e9llo \ud83d\ude00"));
    }

    @Test
    void smallValuesStaySmall() {
        assertEquals(5, encode(12345).length, "an Integer is a tag and four bytes");
        assertEquals(2 + 64, encode("x".repeat(64)).length, "a 64-char ASCII string is a tag, a length byte and its bytes");
    }

    @Test
    void singleValuesReadAloneAsAReaderWouldReadThem() {
        List<Object> values = List.of(0, Integer.MIN_VALUE, Integer.MAX_VALUE, 123_456_789_012L, Long.MIN_VALUE, -0.0, Double.NaN,
                Math.PI, true, false, "", "x", "y".repeat(127), "z".repeat(128), "h\u00e9llo \ud83d\ude00");
        for (Object value : values) {
            byte[] message = encode(value);
            assertEquals(value, decode(message), "from shared memory: " + value);
            ByteBuffer heap = ByteBuffer.allocate(message.length + 9).order(ByteOrder.nativeOrder()).put(9, message);
            assertEquals(value, CODEC.decode(heap, 9, message.length), "from a private copy: " + value);
        }
        byte[] longer = Arrays.copyOf(encode(12345), 6);
        CodecException trailing = assertThrows(CodecException.class, () -> decode(longer));
        assertTrue(trailing.getMessage().contains("the end of the message (1 more bytes after its value)"), trailing.getMessage());
        byte[] shorter = Arrays.copyOf(encode(12345L), 5);
        assertThrows(CodecException.class, () -> decode(shorter));
        byte[] cut = Arrays.copyOf(encode("abc"), 4);
        assertThrows(CodecException.class, () -> CODEC.decode(ByteBuffer.wrap(cut).order(ByteOrder.nativeOrder()), 0, cut.length));
    }

    @Test
    void writingRefusesWhatConsumersWouldRefuse() {
        Codec<Object> narrow = Codecs.defaults(SerializationAllowList.defaults());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> narrow.encode(List.of(new Parcel("p", 1)), new CodecOutput(1024)));
        assertTrue(e.getMessage().contains(Parcel.class.getName()) && e.getMessage().contains("allowPackage(\"org.example.unlisted\")"),
                e.getMessage());
        IllegalArgumentException url = assertThrows(IllegalArgumentException.class,
                () -> narrow.encode(new HashMap<>(Map.of(new java.net.URL("http://127.0.0.1/"), 1)), new CodecOutput(1024)));
        assertTrue(url.getMessage().contains("java.net.URL"), url.getMessage());
        assertThrows(IllegalArgumentException.class, () -> narrow.encode(new Object(), new CodecOutput(1024)));
    }

    @Test
    void cyclesAndDeepNestingAreRefusedWhenWriting() {
        List<Object> self = new ArrayList<>();
        self.add(self);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> encode(self));
        assertTrue(e.getMessage().contains("nested more than " + DefaultCodec.MAX_DEPTH), e.getMessage());
        assertNotNull(encode(nested(DefaultCodec.MAX_DEPTH)));
    }

    @Test
    void aConstructorThatRefusesTheValuesGivesACodecException() {
        byte[] message = encode(new Validated(5));
        int at = message.length - Integer.BYTES;
        ByteBuffer.wrap(message).order(ByteOrder.nativeOrder()).putInt(at, -5);
        CodecException e = assertThrows(CodecException.class, () -> decode(message));
        assertTrue(e.getMessage().contains(Validated.class.getName()) && e.getMessage().contains("positive must be > 0"), e.getMessage());
    }

    /** {@code depth} lists, each holding the next. */
    static Object nested(int depth) {
        Object v = "core";
        for (int i = 0; i < depth; i++) {
            v = List.of(v);
        }
        return v;
    }
}
