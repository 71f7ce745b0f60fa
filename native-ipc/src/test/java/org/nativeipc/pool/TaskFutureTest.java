package org.nativeipc.pool;

import static org.junit.jupiter.api.Assertions.*;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

/** A task future's waits (which yield the CPU before they park), without a pool. */
class TaskFutureTest {
    private static final long WAIT_SECONDS = 60;

    /** Completes {@code future} from another thread after {@code millis}. */
    private static Thread completeLater(TaskFuture future, long millis, Object value, Throwable error) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                return;
            }
            if (error == null) {
                future.complete(value);
            } else {
                future.completeExceptionally(error);
            }
        }, "completer");
        t.start();
        return t;
    }

    @Test
    void getJoinAndTimedGetReturnWhatAnotherThreadCompletesWith() throws Exception {
        TaskFuture soon = new TaskFuture(null);
        completeLater(soon, 0, "now", null).join();
        assertEquals("now", soon.get());

        TaskFuture later = new TaskFuture(null);
        Thread completer = completeLater(later, 50, 42, null);
        assertEquals(42, later.get(WAIT_SECONDS, TimeUnit.SECONDS), "a result that comes after the yield phase (50 ms)");
        completer.join();

        TaskFuture joined = new TaskFuture(null);
        completeLater(joined, 5, "joined", null);
        assertEquals("joined", joined.join());
    }

    @Test
    void failuresAndTimeoutsAreReportedAsBefore() throws Exception {
        TaskFuture failing = new TaskFuture(null);
        completeLater(failing, 5, null, new IllegalStateException("in the worker"));
        ExecutionException e = assertThrows(ExecutionException.class, () -> failing.get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals("in the worker", e.getCause().getMessage());
        assertThrows(CompletionException.class, failing::join);

        TaskFuture never = new TaskFuture(null);
        assertThrows(TimeoutException.class, () -> never.get(0, TimeUnit.NANOSECONDS));
        assertThrows(TimeoutException.class, () -> never.get(20, TimeUnit.MILLISECONDS));
    }

    @Test
    void anInterruptedWaiterStillGetsItsInterruptedException() {
        TaskFuture never = new TaskFuture(null);
        Thread.currentThread().interrupt();
        try {
            assertThrows(InterruptedException.class, never::get);
        } finally {
            Thread.interrupted(); // leave the test thread clean, whatever get() did with the flag
        }
    }
}
