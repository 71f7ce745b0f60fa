package org.nativeipc.queue;

import static org.junit.jupiter.api.Assertions.*;
import static org.nativeipc.testing.ChildAssertions.*;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.nativeipc.process.ChildProcess;

/** JoinableSharedQueue: join() returns once every element put was marked done, across processes. */
class JoinableSharedQueueTest extends WithChildren {
    private static final int ITEMS = 200;

    @Test
    void joinWaitsForTaskDoneOfEveryElement() throws Exception {
        try (JoinableSharedQueue<Integer> q = JoinableSharedQueue.create(8);
             SharedQueue<Integer> processed = SharedQueue.create(ITEMS)) {
            for (int c = 0; c < 2; c++) {
                start(new ChildProcess(() -> {
                    try {
                        while (true) {
                            int item = q.take();
                            processed.put(item);
                            q.taskDone();
                        }
                    } catch (EndOfStreamException producersGone) {
                        // the test closed the queue
                    }
                }).daemon(true));
            }
            for (int i = 0; i < ITEMS; i++) {
                q.put(i);
            }
            Thread joiner = new Thread(() -> assertDoesNotThrow(q::join));
            joiner.start();
            joiner.join(TimeUnit.SECONDS.toMillis(60));
            assertFalse(joiner.isAlive(), "join() must return once every element is done: " + q);
            assertEquals(0, q.unfinishedTasks());
            assertEquals(ITEMS, processed.size(), "join() returned only after every element was processed");
        }
    }

    @Test
    void joinOnAnEmptyQueueReturnsAtOnceAndWaitsWhileWorkIsPending() throws Exception {
        try (JoinableSharedQueue<String> q = JoinableSharedQueue.create(4)) {
            q.join();
            q.put("job");
            Thread joiner = new Thread(() -> assertDoesNotThrow(q::join));
            joiner.start();
            Thread.sleep(100);
            assertTrue(joiner.isAlive(), "join() waits while an element is unfinished");
            assertEquals("job", q.take());
            assertTrue(joiner.isAlive(), "taking is not finishing");
            q.taskDone();
            joiner.join(TimeUnit.SECONDS.toMillis(30));
            assertFalse(joiner.isAlive());
        }
    }

    @Test
    void taskDoneMoreOftenThanTakenIsAnError() throws Exception {
        try (JoinableSharedQueue<String> q = JoinableSharedQueue.create(4)) {
            assertThrows(IllegalStateException.class, q::taskDone);
            q.put("a");
            assertThrows(IllegalStateException.class, q::taskDone, "put but not taken yet");
            q.take();
            q.taskDone();
            assertThrows(IllegalStateException.class, q::taskDone);
            assertEquals(0, q.unfinishedTasks());
        }
    }
}
