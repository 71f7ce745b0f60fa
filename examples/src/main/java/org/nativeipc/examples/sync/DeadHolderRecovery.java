package org.nativeipc.examples.sync;

import java.time.Duration;

import org.nativeipc.process.ChildProcess;
import org.nativeipc.sync.SharedEvent;
import org.nativeipc.sync.SharedLock;

/**
 * What Python's {@code Lock} cannot do: a child holding the lock is killed with SIGKILL in the
 * middle of its work. With Python every other process would now wait forever; here the parent
 * takes the lock over within the owner check interval and is told the previous owner died, so
 * it can repair what the child left half-done.
 */
public final class DeadHolderRecovery {
    private DeadHolderRecovery() {
    }

    public static void main(String[] args) throws Exception {
        try (SharedLock lock = SharedLock.create(); SharedEvent holding = SharedEvent.create()) {
            ChildProcess child = new ChildProcess(() -> {
                lock.lock();
                holding.set();
                Thread.sleep(Duration.ofMinutes(10).toMillis());   // "working" until killed
                lock.unlock();
            }).start();
            holding.await();
            System.out.println("child holds the lock: " + (lock.ownerPid() == child.pid()));
            child.kill();
            child.join();
            System.out.println("child killed, exit code " + child.exitCode().getAsInt());
            long start = System.nanoTime();
            lock.lock();
            try {
                System.out.println("parent took the lock over; previous owner died: " + lock.previousOwnerDied());
                System.out.println("(after " + (System.nanoTime() - start) / 1_000_000 + " ms; the owner check interval is "
                        + lock.ownerCheckInterval().toMillis() + " ms)");
            } finally {
                lock.unlock();
            }
        }
    }
}
