package org.nativeipc.queue;

import static org.junit.jupiter.api.Assertions.*;
import static org.nativeipc.testing.ChildAssertions.assertExitCode;
import static org.nativeipc.testing.ChildAssertions.assertExitsOk;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.nativeipc.process.ChildProcess;
import org.nativeipc.process.ProcessTask;
import org.nativeipc.testing.Polling;

/**
 * A thread blocked on a queue or pipe in another process wakes, with a clear exception, when the
 * creator closes it — and a pipe's blocked end when the other end's process dies. Before, a
 * producer blocked in {@code put()} on a full queue its owner had closed stayed blocked forever.
 */
class CloseWakesTest extends WithChildren {
    /** How long the test lets a child sit in its blocking call before closing under it. */
    private static final long BLOCKED_MILLIS = 300;
    private static final long FOREVER_MILLIS = 600_000;
    /** More elements than a queue of capacity 1 can hold (its ring rounds up). */
    private static final int FILL_LIMIT = 1024;
    private static final java.time.Duration WAIT = org.nativeipc.testing.ChildAssertions.CHILD_TIMEOUT;

    @Test
    void aProducerBlockedOnAFullQueueWakesWhenTheCreatorClosesIt() throws Exception {
        SharedQueue<Integer> q = SharedQueue.create(1);
        for (int i = 0; q.offer(i); i++) {
            assertTrue(i < FILL_LIMIT, "the queue fills up");
        }
        assertWakesWith(IllegalStateException.class, q, () -> q.put(-1));
    }

    @Test
    void aSingleProducerBlockedOnAFullQueueWakesToo() throws Exception {
        SharedQueue<Integer> q = SharedQueue.builder().capacity(1).producers(1).consumers(1).build();
        assertWakesWith(IllegalStateException.class, q, () -> {
            q.put(0);
            q.put(1);
        });
    }

    @Test
    void aConsumerBlockedOnAnEmptyQueueWakesWithTheEndOfTheStream() throws Exception {
        SharedQueue<Integer> q = SharedQueue.create(4);
        assertWakesWith(EndOfStreamException.class, q, q::take);
    }

    @Test
    void aTimedPollWakesToo() throws Exception {
        SharedQueue<Integer> q = SharedQueue.builder().capacity(4).producers(1).consumers(1).build();
        assertWakesWith(EndOfStreamException.class, q, () -> q.poll(FOREVER_MILLIS, TimeUnit.MILLISECONDS));
    }

    @Test
    void aJoinOnAJoinableQueueWakes() throws Exception {
        JoinableSharedQueue<Integer> q = JoinableSharedQueue.create(4);
        q.put(1);
        assertWakesWith(IllegalStateException.class, q, q::join);
    }

    @Test
    void aReceiverBlockedOnAPipeWakesWhenTheCreatorClosesIt() throws Exception {
        Pipe pipe = Pipe.open();
        Connection end = pipe.right();
        assertWakesWith(EndOfStreamException.class, pipe, end::recv);
    }

    @Test
    void aBlockedReceiverWakesWhenTheSendersProcessDies() throws Exception {
        try (Pipe pipe = Pipe.openOneWay()) {
            Connection reader = pipe.left();
            Connection writer = pipe.right();
            String ready = file("writer");
            ChildProcess sender = start(new ChildProcess(() -> {
                writer.send("hello");
                Polling.appendLine(ready, "sent");
                Thread.sleep(FOREVER_MILLIS);
            }));
            Polling.awaitFileLine(Path.of(ready), WAIT);
            ChildProcess receiver = blockedChild(EndOfStreamException.class, () -> {
                reader.recv();
                reader.recv();
            });
            sender.kill();
            assertExitCode(-9, sender);
            assertExitsOk(receiver);
        }
    }

    @Test
    void aSenderBlockedOnAFullPipeWakesWhenTheReadersProcessDies() throws Exception {
        try (Pipe pipe = Pipe.openOneWay(4096)) {
            Connection reader = pipe.left();
            Connection writer = pipe.right();
            String ready = file("reader");
            ChildProcess receiver = start(new ChildProcess(() -> {
                Polling.appendLine(ready, "holding the reading end " + reader);
                Thread.sleep(FOREVER_MILLIS);
            }));
            Polling.awaitFileLine(Path.of(ready), WAIT);
            ChildProcess sender = blockedChild(EndOfStreamException.class, () -> {
                while (true) {
                    writer.sendBytes(new byte[1024], 0, 1024);
                }
            });
            receiver.kill();
            assertExitCode(-9, receiver);
            assertExitsOk(sender);
        }
    }

    /** Starts a child that blocks in {@code blocking}, closes {@code object} under it, and checks how it ended. */
    private void assertWakesWith(Class<? extends Throwable> expected, AutoCloseable object, ProcessTask blocking) throws Exception {
        ChildProcess child = blockedChild(expected, blocking);
        long start = System.nanoTime();
        object.close();
        assertExitsOk(child);
        System.out.println(expected.getSimpleName() + " in the blocked child within "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms of close() (child start to end included)");
    }

    /**
     * Starts a child that calls {@code blocking} and exits 0 if it ended with {@code expected},
     * and returns once the child has sat in the call for a while.
     */
    private ChildProcess blockedChild(Class<? extends Throwable> expected, ProcessTask blocking) {
        String report = file("blocking-" + System.nanoTime());
        String expectedName = expected.getName();
        ChildProcess child = start(new ChildProcess(() -> {
            Polling.appendLine(report, "blocking");
            try {
                blocking.run();
            } catch (Throwable t) {
                boolean right = Class.forName(expectedName).isInstance(t);
                if (!right) {
                    t.printStackTrace();
                }
                System.exit(right ? 0 : 3);
            }
            System.exit(4); // returned: it was not blocked, or did not wake with an exception
        }));
        Polling.awaitFileLine(Path.of(report), WAIT);
        try {
            Thread.sleep(BLOCKED_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return child;
    }
}
