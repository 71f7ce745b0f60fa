package org.nativeipc.examples.sync;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.nativeipc.process.ChildProcess;
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
        int buyers = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int tickets = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        double delayScale = args.length > 2 ? Double.parseDouble(args[2]) : 1.0;
        Path db = Files.createTempFile("tickets-db", ".json");
        try (SharedLock lock = SharedLock.create()) {
            TicketDb.create(db, tickets);
            String dbPath = db.toString();
            List<ChildProcess> children = new ArrayList<>();
            for (int i = 0; i < buyers; i++) {
                children.add(new ChildProcess(() -> {
                    TicketDb shared = new TicketDb(Path.of(dbPath), delayScale);
                    shared.search();
                    lock.lock();
                    try {
                        shared.get(false);
                    } finally {
                        lock.unlock();
                    }
                }).start());
            }
            for (ChildProcess child : children) {
                child.join();
            }
            System.out.println("db says " + new TicketDb(db, delayScale).read() + " tickets left of " + tickets);
        } finally {
            Files.deleteIfExists(db);
        }
    }
}
