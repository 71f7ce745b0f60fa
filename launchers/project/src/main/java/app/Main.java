package app;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.nativeipc.process.ChildProcess;
import org.nativeipc.process.CurrentProcess;
import org.nativeipc.queue.SharedQueue;
import org.nativeipc.sync.SharedLock;

/**
 * What a new user writes first: a child that takes a lock and puts a message on a queue, the
 * parent takes it. Prints "app ok: <message>" and exits 0, or says what went wrong and exits 1.
 */
public final class Main {
    private static final long TAKE_TIMEOUT_SECONDS = 60;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("app ok: " + roundTrip());
    }

    /** The message a child put on a queue, read by this process. */
    public static String roundTrip() throws Exception {
        try (SharedQueue<String> queue = SharedQueue.create(4); SharedLock lock = SharedLock.create()) {
            ChildProcess child = new ChildProcess(() -> {
                lock.lock();
                try {
                    queue.put(Greeting.from(CurrentProcess.name()));
                } finally {
                    lock.unlock();
                }
            }).name("greeter").start();
            String message = queue.poll(TAKE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!child.join(Duration.ofSeconds(TAKE_TIMEOUT_SECONDS)) || message == null) {
                child.kill();
                throw new IllegalStateException("no message from the child within " + TAKE_TIMEOUT_SECONDS + " s: " + child);
            }
            return message + " (" + Main.class.getModule() + ")";
        }
    }
}
