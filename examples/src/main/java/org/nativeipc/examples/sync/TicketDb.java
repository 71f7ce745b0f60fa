package org.nativeipc.examples.sync;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.nativeipc.process.ChildProcess;
import org.nativeipc.process.ProcessTask;
import org.nativeipc.sync.SharedEvent;

/**
 * The ticket examples' "database": a JSON file {@code {"count": N}}, read and written whole, as
 * the seed's {@code json.load(open('db'))} / {@code json.dump(dic, open('db', 'w'))} do. Reads and
 * writes are slowed down to simulate a network, which is what makes the race easy to see.
 */
final class TicketDb implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(-?\\d+)");

    private final String file;
    /** Scales the simulated network delays (1.0: the seed's; tests use less). */
    private final double delayScale;

    private TicketDb(Path file, double delayScale) {
        this.file = file.toString();
        this.delayScale = delayScale;
    }

    /**
     * Both ticket examples: creates the db, starts one child per buyer running {@code buyer},
     * waits for them all, and prints what the db says at the end. Arguments: buyers (default
     * 100), tickets (default 1), delay scale (default 1.0).
     */
    static void rush(String[] args, Function<TicketDb, ProcessTask> buyer) throws Exception {
        int buyers = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int tickets = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        double delayScale = args.length > 2 ? Double.parseDouble(args[2]) : 1.0;
        Path path = Files.createTempFile("tickets-db", ".json");
        try {
            TicketDb db = new TicketDb(path, delayScale);
            db.write(tickets);
            List<ChildProcess> children = new ArrayList<>();
            // Sales open once every buyer is in line: starting a JVM takes longer than the
            // "network" delays, so buyers that went at once as they started would rarely overlap.
            try (SharedEvent salesOpen = SharedEvent.create()) {
                for (int i = 0; i < buyers; i++) {
                    ProcessTask buy = buyer.apply(db);
                    children.add(new ChildProcess(() -> {
                        salesOpen.await();
                        buy.run();
                    }).start());
                }
                salesOpen.set();
                for (ChildProcess child : children) {
                    child.join();
                }
            }
            System.out.println("db says " + db.read() + " tickets left of " + tickets);
        } finally {
            Files.deleteIfExists(path);
        }
    }

    int read() throws IOException {
        String json = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        Matcher m = COUNT.matcher(json);
        if (!m.find()) {
            throw new IOException("no \"count\" in " + file + ": " + json);
        }
        return Integer.parseInt(m.group(1));
    }

    /** Replaces the file in one step (write aside, then rename), so a reader never sees half a file. */
    void write(int count) throws IOException {
        Path target = Path.of(file);
        Path next = Files.createTempFile(target.toAbsolutePath().getParent(), "tickets-next", ".json");
        Files.writeString(next, "{\"count\": " + count + "}", StandardCharsets.UTF_8);
        Files.move(next, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The seed's {@code search()}: prints how many tickets are left. */
    void search() throws IOException {
        System.out.println("tickets left: " + read());
    }

    /**
     * The seed's {@code get()}: read, wait (network), buy if any is left, wait (network), write.
     *
     * @param fixedDelays the unlocked version's fixed 0.1 s / 0.2 s; otherwise random up to 1 s each
     */
    void get(boolean fixedDelays) throws IOException, InterruptedException {
        int count = read();
        pause(fixedDelays ? 0.1 : ThreadLocalRandom.current().nextDouble());
        if (count > 0) {
            pause(fixedDelays ? 0.2 : ThreadLocalRandom.current().nextDouble());
            write(count - 1);
            System.out.println("ticket bought");
        } else {
            System.out.println("no ticket left");
        }
    }

    private void pause(double seconds) throws InterruptedException {
        Thread.sleep((long) (seconds * delayScale * 1000));
    }
}
