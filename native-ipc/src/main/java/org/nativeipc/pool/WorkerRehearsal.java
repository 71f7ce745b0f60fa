package org.nativeipc.pool;

import java.lang.invoke.SerializedLambda;

import org.nativeipc.codec.SerializationAllowList;
import org.nativeipc.internal.memory.RegionKind;
import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.internal.posix.Futex;
import org.nativeipc.queue.SpscRing;

/**
 * A pool worker's start and first tasks, rehearsed by a spare JVM while it waits (see
 * {@link WorkerPreload}): a pool of one worker inside this JVM — a control region and two rings
 * of its own, the worker's real code ({@link PoolWorker.Start}, {@link WorkerLoop}) run on them
 * until READY, then {@value #TASKS} lambda tasks and SHUTDOWN, all written before the worker
 * starts so that nothing waits. Loading classes alone left a worker taken from a spare to
 * resolve, link and interpret that path for the first time after the take (its lambdas and
 * method handles spun, each call site resolved): some 50 ms of CPU per worker before READY.
 *
 * <p>The regions are this JVM's own, anonymous, and removed before the spare reports that it
 * has booted. Only an optimization: any failure is ignored (the real start reports real
 * problems).
 */
final class WorkerRehearsal {
    /** Tasks run: the first rebuilds its lambda by deserialization, the others through its constructor. */
    static final int TASKS = 3;
    private static final int RING_BYTES = 64 * 1024;
    private static final int SLOTS = 1;

    private WorkerRehearsal() {
    }

    /** Runs the rehearsal; returns how many tasks' results came back (the test's check). */
    static int run() throws Exception {
        SerializationAllowList allowList = SerializationAllowList.defaults().allowClass(SerializedLambda.class);
        TaskEncoder encoder = new TaskEncoder(allowList, SpscRing.maxMessageBytesFor(RING_BYTES) / 2);
        FrameBuffer message = new FrameBuffer();
        for (int i = 1; i <= TASKS; i++) {
            int x = i;
            TaskEncoder.Encoded task = encoder.encode((ProcessCallable<Integer>) () -> increment(x), "the rehearsal's task");
            if (i == 1) {
                message.writeBytes(task.shape().definitionFrame(), 0, task.shape().definitionFrame().length);
            }
            int frame = message.beginFrame(PoolProtocol.CALL);
            message.writeLong(i);
            message.writeBytes(task.payload(), 0, task.payload().length);
            message.endFrame(frame);
        }
        message.endFrame(message.beginFrame(PoolProtocol.SHUTDOWN));
        try (SharedRegion control = SharedRegion.create(RegionKind.POOL, PoolLayout.VERSION, PoolLayout.payloadBytes(SLOTS),
                r -> r.putInt(PoolLayout.SLOT_COUNT_OFFSET, SLOTS));
             SpscRing tasks = SpscRing.create(RING_BYTES);
             SpscRing results = SpscRing.create(RING_BYTES)) {
            if (!tasks.offer(message.array(), 0, message.length())) {
                return 0;
            }
            PoolWorker worker = new PoolWorker(control.handle(), 0, tasks, results, null, 0, encoder.allowed());
            new PoolWorker.Start().run(worker.payload(), () -> { });
            // A real worker's first result usually wakes the parent's result thread: bind that call too.
            Futex.platform().wake(control.address(PoolLayout.DOORBELL_OFFSET), 1);
            int[] answered = new int[1];
            FrameReader reader = new FrameReader();
            while (results.poll((buffer, offset, length) -> {
                reader.reset(buffer, offset, length);
                while (reader.hasMore()) {
                    byte kind = reader.readByte();
                    int end = reader.readInt() + reader.position();
                    answered[0] += kind == PoolProtocol.RESULT ? 1 : 0;
                    reader.seek(end);
                }
            }, TASKS + 1) > 0) {
                // every message the worker wrote
            }
            return answered[0];
        }
    }

    private static int increment(int x) {
        return x + 1;
    }
}
