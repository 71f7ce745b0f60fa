package org.nativeipc.pool;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nativeipc.codec.SerializationAllowList;
import org.nativeipc.process.ChildProcess;
import org.nativeipc.queue.SpscRing;

/**
 * Which worker the dispatcher sends which unit to, without processes: two ready workers whose
 * task rings are real (the test writes them, nobody reads them), and the run times a worker
 * would report given to {@link Dispatcher#recordStats} directly.
 */
class DispatcherTest {
    private static final int RING_BYTES = 1 << 18;

    private PoolCore core;
    private Dispatcher dispatcher;
    private Worker[] workers;
    private final List<Work> rejected = new ArrayList<>();

    @BeforeEach
    void setUp() {
        PoolConfig config = new PoolConfig("dispatcher-test", 2, null, 0, List.of(), RING_BYTES, SerializationAllowList.defaults(), null);
        core = new PoolCore(config);
        dispatcher = new Dispatcher(0, core.encoder);
        workers = new Worker[] {worker(0), worker(1)};
    }

    private static Worker worker(int slot) {
        ChildProcess neverStarted = new ChildProcess(() -> { });
        Worker w = new Worker(slot, "worker-" + slot, neverStarted, SpscRing.create(RING_BYTES), SpscRing.create(RING_BYTES));
        w.ready = true;
        return w;
    }

    @AfterEach
    void tearDown() {
        for (Worker w : workers) {
            w.release();
        }
        core.control.close();
    }

    /** Sets the mean run time of a unit, as if one worker had reported it. */
    private void unitsTake(long nanos) {
        dispatcher.recordStats(1, nanos);
    }

    /** {@code count} chunks of {@code units} items each, of one map run, waiting to be dispatched. */
    private List<Work.Chunk> chunks(int count, int units) {
        ListRun run = new ListRun(core, new TaskEncoder.Encoded(new byte[] {PoolProtocol.TASK_OBJECT}, null, ""), count * units);
        List<Work.Chunk> chunks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Work.Chunk chunk = new Work.Chunk(run, i, i * units, units, new byte[] {0, 0, 0, 0, 0, 0, 0, 0});
            dispatcher.add(chunk);
            chunks.add(chunk);
        }
        return chunks;
    }

    private static List<Work> held(Worker w) {
        return new ArrayList<>(w.inFlight);
    }

    @Test
    void aWorkerBusyWithOneChunkLargerThanItsWindowIsSentTheNextToo() {
        unitsTake(50); // a window of 10 000 units: a chunk of 12 500 never fits beside another
        assertEquals(10_000, dispatcher.window());
        List<Work.Chunk> c = chunks(5, 12_500);
        dispatcher.dispatch(workers, rejected, false);
        assertEquals(List.of(c.get(0), c.get(2)), held(workers[0]), "worker 0: its chunk and the next, while it runs the first");
        assertEquals(List.of(c.get(1), c.get(3)), held(workers[1]), "worker 1: its chunk and the next, while it runs the first");
        assertEquals(1, dispatcher.size(), "a third chunk for a worker that holds two waits in the parent");
        assertEquals(2, workers[0].tasks.size(), "one message per unit: the extra chunk travels on its own");
        assertTrue(rejected.isEmpty());
    }

    @Test
    void aChunkExpectedToRunLongWaitsForAFreeWorker() {
        unitsTake(TimeUnit.MILLISECONDS.toNanos(1)); // 10 items: 10 ms, more than PREFETCH_MAX_NANOS
        List<Work.Chunk> c = chunks(4, 10);
        dispatcher.dispatch(workers, rejected, false);
        assertEquals(List.of(c.get(0)), held(workers[0]));
        assertEquals(List.of(c.get(1)), held(workers[1]));
        assertEquals(2, dispatcher.size(), "long chunks go one at a time to whichever worker is free");
    }

    @Test
    void tasksAreNeverSentBeyondTheWindow() {
        unitsTake(TimeUnit.MICROSECONDS.toNanos(400)); // a window of 1 task
        assertEquals(1, dispatcher.window());
        for (int i = 0; i < 4; i++) {
            dispatcher.add(new Work.Call(new TaskEncoder.Encoded(new byte[] {PoolProtocol.TASK_OBJECT}, null, ""), "task " + i,
                    new TaskFuture(core)));
        }
        dispatcher.dispatch(workers, rejected, false);
        assertEquals(1, held(workers[0]).size());
        assertEquals(1, held(workers[1]).size());
        assertEquals(2, dispatcher.size(), "a task waits for a free worker rather than behind a running one");
    }

    @Test
    void aWorkerLateWithItsChunkIsSentNoOther() {
        unitsTake(50);
        List<Work.Chunk> c = chunks(3, 12_500);
        dispatcher.dispatch(workers, rejected, false);
        assertEquals(List.of(c.get(0), c.get(2)), held(workers[0]));
        dispatcher.drain();
        workers[1].progressAt -= TimeUnit.SECONDS.toNanos(1); // answered nothing for a second
        List<Work.Chunk> more = chunks(1, 12_500);
        dispatcher.dispatch(workers, rejected, false);
        assertEquals(List.of(c.get(1)), held(workers[1]), "a worker that is late with its chunk is busy with something long");
        assertEquals(List.of(more.get(0)), List.copyOf(dispatcher.drain()));
    }
}
