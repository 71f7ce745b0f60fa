package org.nativeipc.tools;

import java.nio.file.Files;
import java.nio.file.Path;

import org.nativeipc.queue.SharedQueue;
import org.nativeipc.sync.SharedLock;
import org.nativeipc.sync.SharedSemaphore;

/**
 * A program that makes shared objects for {@link NipcIT} to look at, then waits: {@code named
 * <stop file>} makes a queue "orders" holding 3 messages, a lock "summary-lock" it holds, a
 * semaphore "slots" of 4 permits with one taken and an anonymous queue holding one element of
 * {@link #LARGE_ELEMENT_BYTES} (more than its ring takes: it waits in a side file); {@code
 * anonymous <stop file>} makes an anonymous lock. Both print "ready" and run until the stop file appears (or they are killed).
 */
public final class Fixture {
    private static final long POLL_MILLIS = 10;
    private static final long MAX_MILLIS = 300_000;
    static final int LARGE_ELEMENT_BYTES = 3 << 20;

    private Fixture() {
    }

    public static void main(String[] args) throws Exception {
        Path stop = Path.of(args[1]);
        if (args[0].equals("named")) {
            SharedQueue<String> orders = SharedQueue.builder().name("orders").capacity(16).build();
            for (int i = 1; i <= 3; i++) {
                orders.put("order " + i);
            }
            SharedLock lock = SharedLock.create("summary-lock");
            lock.lock();
            SharedSemaphore slots = SharedSemaphore.create("slots", 4);
            slots.acquire();
            SharedQueue<byte[]> large = SharedQueue.create(4);
            large.put(new byte[LARGE_ELEMENT_BYTES]);
        } else {
            SharedLock.create();
        }
        System.out.println("ready pid " + ProcessHandle.current().pid());
        long deadline = System.currentTimeMillis() + MAX_MILLIS;
        while (!Files.exists(stop) && System.currentTimeMillis() < deadline) {
            Thread.sleep(POLL_MILLIS);
        }
    }
}
