package org.nativeipc.examples.sync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ticket examples' "database": a JSON file {@code {"count": N}}, read and written whole, as
 * the seed's {@code json.load(open('db'))} / {@code json.dump(dic, open('db', 'w'))} do. Reads and
 * writes are slowed down to simulate a network, which is what makes the race easy to see.
 */
final class TicketDb {
    private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(-?\\d+)");

    private final Path file;
    /** Scales the simulated network delays (1.0: the seed's; tests use less). */
    private final double delayScale;

    TicketDb(Path file, double delayScale) {
        this.file = file;
        this.delayScale = delayScale;
    }

    /** Creates the db file with {@code tickets} tickets. */
    static void create(Path file, int tickets) throws IOException {
        new TicketDb(file, 0).write(tickets);
    }

    int read() throws IOException {
        String json = Files.readString(file, StandardCharsets.UTF_8);
        Matcher m = COUNT.matcher(json);
        if (!m.find()) {
            throw new IOException("no \"count\" in " + file + ": " + json);
        }
        return Integer.parseInt(m.group(1));
    }

    /** Replaces the file in one step (write aside, then rename), so a reader never sees half a file. */
    void write(int count) throws IOException {
        Path next = Files.createTempFile(file.toAbsolutePath().getParent(), "tickets-next", ".json");
        Files.writeString(next, "{\"count\": " + count + "}", StandardCharsets.UTF_8);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
