package org.nativeipc.bench.objects;

import static org.nativeipc.bench.support.ControlBlock.*;

import org.nativeipc.bench.support.ControlBlock;
import org.nativeipc.bench.support.MappedFile;
import org.nativeipc.bench.support.Messages;
import org.nativeipc.queue.EndOfStreamException;
import org.nativeipc.queue.SharedQueue;

/**
 * The child sides of {@link ObjectQueueBenchmark}: a consumer that takes values with a blocking
 * {@code take} and checks every sequence number until the benchmark closes the queue, and
 * producers that {@code put} values until asked to stop (see {@link ControlBlock}).
 */
final class ObjectSides {
    private ObjectSides() {
    }

    /** Child consumer of the 1→1 row: takes until the producer has closed the queue and it is empty. */
    static void consume(String controlPath, SharedQueue<Object> queue) {
        ControlBlock control = new ControlBlock(MappedFile.open(controlPath).buffer());
        control.increment(READY);
        long received = 0;
        long errors = 0;
        while (true) {
            Object value;
            try {
                value = queue.take();
            } catch (EndOfStreamException producerClosedTheQueue) {
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("consumer interrupted", e);
            }
            if (Payloads.sequenceOf(value) != Messages.stamp(0, received)) {
                errors++;
            }
            received++;
        }
        control.set(RECEIVED, received);
        control.set(ERRORS, errors);
        control.increment(DONE);
    }

    /** Child producer {@code producer} of the 2→2 row: puts values until asked to stop; sent count in slot(producer). */
    static void produce(String controlPath, SharedQueue<Object> queue, String payload, int producer) {
        ControlBlock control = new ControlBlock(MappedFile.open(controlPath).buffer());
        control.increment(READY);
        long sent = 0;
        try {
            while (!control.stopRequested()) {
                queue.put(Payloads.of(payload, Messages.stamp(producer, sent)));
                sent++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("producer interrupted", e);
        }
        control.set(slot(producer), sent);
        control.increment(DONE);
    }
}
