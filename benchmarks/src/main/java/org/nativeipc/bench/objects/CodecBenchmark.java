package org.nativeipc.bench.objects;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.fory.Fory;
import org.apache.fory.config.CompatibleMode;
import org.apache.fory.config.Language;
import org.apache.fory.memory.MemoryBuffer;
import org.nativeipc.codec.Codec;
import org.nativeipc.codec.CodecOutput;
import org.nativeipc.codec.Codecs;
import org.nativeipc.codec.SerializationAllowList;
import org.openjdk.jmh.annotations.*;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * One value encoded into a reusable buffer and decoded again, in one thread: the cost a codec
 * adds to each message of a queue. One operation = encode + decode. Measured for native-ipc's
 * default codec and the serializers weighed against it (issue 10): Apache Fory 0.13 with class
 * registration (two modes, see {@link #fory}), Kryo 5.6 with registration required, and plain
 * Java serialization for reference.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED"})
public class CodecBenchmark {
    /** A codec under test: encodes and decodes one value, reusing its buffers. */
    interface RoundTrip {
        Object roundTrip(Object value);
    }

    @Param({"native-ipc", "fory", "fory-compatible", "kryo", "java-serialization"})
    public String serializer;

    @Param({"tick", "string64", "map8"})
    public String payload;

    private RoundTrip codec;
    private Object value;

    @Setup(Level.Trial)
    public void setUp() {
        value = Payloads.of(payload, 123_456);
        codec = switch (serializer) {
            case "native-ipc" -> nativeIpc();
            case "fory" -> fory(CompatibleMode.SCHEMA_CONSISTENT);
            case "fory-compatible" -> fory(CompatibleMode.COMPATIBLE);
            case "kryo" -> kryo();
            case "java-serialization" -> CodecBenchmark::javaSerialization;
            default -> throw new IllegalArgumentException("unknown serializer " + serializer);
        };
        Object back = codec.roundTrip(value);
        if (!back.equals(value)) {
            throw new IllegalStateException(serializer + " changed " + value + " into " + back);
        }
    }

    @Benchmark
    public Object roundTrip() {
        return codec.roundTrip(value);
    }

    private static RoundTrip nativeIpc() {
        Codec<Object> c = Codecs.defaults(SerializationAllowList.defaults().allowPackage("org.nativeipc.bench"));
        CodecOutput out = new CodecOutput(1 << 16);
        ByteBuffer[] view = {ByteBuffer.wrap(out.array()).order(ByteOrder.nativeOrder())};
        return v -> {
            c.encode(v, out.reset(1 << 16));
            if (view[0].array() != out.array()) {
                view[0] = ByteBuffer.wrap(out.array()).order(ByteOrder.nativeOrder());
            }
            return c.decode(view[0], 0, out.length());
        };
    }

    /**
     * Fory with class registration; SCHEMA_CONSISTENT with its class-version check (a schema hash
     * per object: it detects another version, as native-ipc's fingerprint does), or COMPATIBLE
     * (field names and types in every message: it reads another version, as native-ipc's shape
     * text lets it name the difference).
     */
    private static RoundTrip fory(CompatibleMode mode) {
        Fory fory = Fory.builder().withLanguage(Language.JAVA).requireClassRegistration(true).withRefTracking(false)
                .withCompatibleMode(mode).withClassVersionCheck(mode == CompatibleMode.SCHEMA_CONSISTENT).build();
        fory.register(Tick.class);
        fory.register(LinkedHashMap.class);
        MemoryBuffer buffer = MemoryBuffer.newHeapBuffer(1 << 16);
        return v -> {
            buffer.writerIndex(0);
            buffer.readerIndex(0);
            fory.serialize(buffer, v);
            return fory.deserialize(buffer);
        };
    }

    private static RoundTrip kryo() {
        Kryo kryo = new Kryo();
        kryo.setRegistrationRequired(true);
        kryo.setReferences(false);
        kryo.register(Tick.class);
        kryo.register(LinkedHashMap.class);
        Output output = new Output(1 << 16, -1);
        Input input = new Input();
        return v -> {
            output.reset();
            kryo.writeClassAndObject(output, v);
            input.setBuffer(output.getBuffer(), 0, output.position());
            return kryo.readClassAndObject(input);
        };
    }

    private static Object javaSerialization(Object v) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(v);
            }
            try (ObjectInputStream in = new ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
                return in.readObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
