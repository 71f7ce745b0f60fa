package org.nativeipc.sync;

import java.time.Duration;

import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.internal.object.ObjectType;
import org.nativeipc.internal.sync.RobustMutex;

/**
 * A shared object guarded by a {@link RobustMutex}, whose waiters check, once per interval,
 * whether the processes they wait on still run: the locks, the semaphore, the barrier.
 */
abstract class RobustSyncObject extends SyncObject {
    private static final long serialVersionUID = 1L;

    final transient RobustMutex mutex;

    RobustSyncObject(SharedRegion region, ObjectType<?> type, int mutexOffset) {
        super(region, type);
        this.mutex = new RobustMutex(region, mutexOffset);
    }

    /**
     * How long a waiting thread waits before checking whether the process it waits on (the
     * lock's holder, the permits' holders, the barrier's participants) still runs, and how
     * often after that. Default 200 ms.
     *
     * @return the owner-check interval
     */
    public Duration ownerCheckInterval() {
        life.checkOpen("ownerCheckInterval()");
        return Duration.ofNanos(mutex.checkIntervalNanos());
    }

    /**
     * Sets the {@linkplain #ownerCheckInterval() owner check interval} for every process using
     * this object (it is stored in the shared region); threads already waiting keep the interval
     * they started with. A dead process is found within about this plus 20 ms by a thread that
     * is already waiting.
     *
     * @param interval how often a waiter checks whether the holder still lives
     * @throws IllegalArgumentException if not between 1 ms and 1 hour
     */
    public void setOwnerCheckInterval(Duration interval) {
        long nanos = SyncArguments.checkInterval(interval);
        life.checkOpen("setOwnerCheckInterval(interval)");
        mutex.checkIntervalNanos(nanos);
    }
}
