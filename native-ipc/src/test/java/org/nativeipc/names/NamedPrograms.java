package org.nativeipc.names;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.nativeipc.queue.SharedQueue;
import org.nativeipc.sync.SharedLock;

/**
 * Small programs that use named objects, started on their own by {@link IndependentProgramsTest}
 * (a plain {@code java -cp}): {@code produce}, {@code consume}, {@code count}, {@code race},
 * {@code hold}, {@code open}. Each prints what the test checks and exits 0, or prints the error
 * and exits 1.
 */
public final class NamedPrograms {
    /** Capacity of the queues these programs make. */
    static final int CAPACITY = 64;
    private static final long GATE_POLL_MILLIS = 1;
    private static final long GATE_TIMEOUT_MILLIS = 120_000;

    private NamedPrograms() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (RuntimeException e) {
            System.out.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        switch (args[0]) {
            case "produce": { // produce <queue> <count>: puts 1..count
                try (SharedQueue<Integer> q = SharedQueue.builder().name(args[1]).capacity(CAPACITY).openOrCreate()) {
                    for (int i = 1; i <= Integer.parseInt(args[2]); i++) {
                        q.put(i);
                    }
                }
                System.out.println("produced");
                break;
            }
            case "consume": { // consume <queue> <count>: takes count, prints their sum
                try (SharedQueue<Integer> q = SharedQueue.builder().name(args[1]).capacity(CAPACITY).openOrCreate()) {
                    long sum = 0;
                    for (int i = 0; i < Integer.parseInt(args[2]); i++) {
                        Integer value = q.poll(60, TimeUnit.SECONDS);
                        if (value == null) {
                            throw new IllegalStateException("no element " + i + " within 60 s");
                        }
                        sum += value;
                    }
                    System.out.println("sum " + sum);
                }
                break;
            }
            case "count": { // count <lock> <file> <times>: increments the number in file under the lock
                Path file = Path.of(args[2]);
                try (SharedLock lock = SharedLock.openOrCreate(args[1])) {
                    for (int i = 0; i < Integer.parseInt(args[3]); i++) {
                        lock.lock();
                        try {
                            long n = Long.parseLong(Files.readString(file).trim());
                            Files.writeString(file, Long.toString(n + 1));
                        } finally {
                            lock.unlock();
                        }
                    }
                }
                System.out.println("counted");
                break;
            }
            case "race": { // race <gate file> <queue>: waits for the gate, then openOrCreate and put its pid
                awaitGate(Path.of(args[1]));
                try (SharedQueue<Long> q = SharedQueue.builder().name(args[2]).capacity(CAPACITY).openOrCreate()) {
                    q.put(ProcessHandle.current().pid());
                }
                System.out.println("raced");
                break;
            }
            case "hold": { // hold <queue> <go file>: create, put 1, wait for the go file, put 2, take both
                try (SharedQueue<Integer> q = SharedQueue.builder().name(args[1]).capacity(CAPACITY).build()) {
                    q.put(1);
                    System.out.println("ready");
                    awaitGate(Path.of(args[2]));
                    q.put(2);
                    System.out.println("took " + q.take() + " " + q.take());
                }
                break;
            }
            case "open": { // open <queue>: opens it (exits 1 with the error if it cannot)
                try (SharedQueue<Integer> q = SharedQueue.open(args[1])) {
                    System.out.println("opened " + q.capacity());
                }
                break;
            }
            default:
                throw new IllegalArgumentException("unknown program " + args[0]);
        }
    }

    private static void awaitGate(Path gate) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + GATE_TIMEOUT_MILLIS;
        while (!Files.exists(gate)) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the gate " + gate + " never opened");
            }
            Thread.sleep(GATE_POLL_MILLIS);
        }
    }
}
