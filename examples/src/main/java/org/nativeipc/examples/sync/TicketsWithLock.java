package org.nativeipc.examples.sync;

import org.nativeipc.sync.SharedLock;

/**
 * Seed §8, the ticket rush with a lock: each buyer still looks at the count freely, but reads
 * and writes the db holding a {@link SharedLock}, so exactly as many tickets are sold as
 * exist, and every other buyer is told none is left.
 *
 * <pre>{@code
 * def task(lock): search(); lock.acquire(); get(); lock.release()
 * lock = Lock()
 * for i in range(100): Process(target=task, args=(lock,)).start()
 * }</pre>
 *
 * Arguments: buyers (default 100), tickets in the db (default 1), delay scale (default 1.0;
 * each buyer holds the lock up to two random delays of up to a second, times the scale).
 */
public final class TicketsWithLock {
    private TicketsWithLock() {
    }

    public static void main(String[] args) throws Exception {
        try (SharedLock lock = SharedLock.create()) {
            TicketDb.rush(args, db -> () -> {
                db.search();
                lock.lock();
                try {
                    db.get(false);
                } finally {
                    lock.unlock();
                }
            });
        }
    }
}
