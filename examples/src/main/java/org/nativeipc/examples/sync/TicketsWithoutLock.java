package org.nativeipc.examples.sync;

/**
 * Seed §8, the ticket rush without a lock: N buyers (processes) each read the JSON "db", wait
 * for the "network", and write back one ticket fewer. Many read the same count before anyone
 * writes, so more tickets are sold than exist — the wrong result the lock fixes
 * ({@link TicketsWithLock}).
 *
 * <pre>{@code
 * def task(): search(); get()
 * for i in range(100): Process(target=task).start()
 * }</pre>
 *
 * Arguments: buyers (default 100), tickets in the db (default 1), delay scale (default 1.0).
 */
public final class TicketsWithoutLock {
    private TicketsWithoutLock() {
    }

    public static void main(String[] args) throws Exception {
        TicketDb.rush(args, db -> () -> {
            db.search();
            db.get(true);
        });
    }
}
