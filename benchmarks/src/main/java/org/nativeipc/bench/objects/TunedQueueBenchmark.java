package org.nativeipc.bench.objects;

import org.nativeipc.codec.CodecOutput;
import org.nativeipc.codec.Codecs;
import org.nativeipc.queue.SharedQueue;
import org.openjdk.jmh.annotations.Param;

/**
 * The same run as {@link DefaultQueueBenchmark} (blocking {@code put} here, blocking {@code take}
 * in a child that checks every value, the same {@link Payloads}) over a queue tuned for it: one
 * producer and one consumer ({@code producers(1).consumers(1)}: the single-producer ring),
 * {@code oneThreadPerSide()} (no turn-taking between threads of a process), room for 65 536
 * messages, {@code maxMessageBytes} the element's exact encoded size. The report sets the
 * default queue beside it: issue 15 asks the default to come within 1.3× of the tuned queue on
 * the same element.
 */
public class TunedQueueBenchmark extends PutTakeBenchmark {
    /** Messages the tuned queue has room for. */
    static final int CAPACITY = 65_536;

    @Param({"integer"})
    String payload;

    @Override
    SharedQueue<Object> newQueue() {
        return SharedQueue.builder().producers(1).consumers(1).oneThreadPerSide().capacity(CAPACITY)
                .maxMessageBytes(encodedBytes(payload)).build();
    }

    @Override
    String payload() {
        return payload;
    }

    @Override
    String runName() {
        return "tuned-queue";
    }

    /** Bytes of the default codec's encoding of the payload (the same for every sequence number of these payloads). */
    private static int encodedBytes(String payload) {
        CodecOutput out = new CodecOutput(Integer.MAX_VALUE - 8);
        Codecs.defaults().encode(Payloads.of(payload, 0), out);
        return out.length();
    }
}
