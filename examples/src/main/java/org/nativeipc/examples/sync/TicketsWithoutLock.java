package org.nativeipc.examples.sync;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.nativeipc.process.ChildProcess;

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
        int buyers = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int tickets = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        double delayScale = args.length > 2 ? Double.parseDouble(args[2]) : 1.0;
        Path db = Files.createTempFile("tickets-db", ".json");
        try {
            TicketDb.create(db, tickets);
            String dbPath = db.toString();
            List<ChildProcess> children = new ArrayList<>();
            for (int i = 0; i < buyers; i++) {
                children.add(new ChildProcess(() -> {
                    TicketDb shared = new TicketDb(Path.of(dbPath), delayScale);
                    shared.search();
                    shared.get(true);
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
