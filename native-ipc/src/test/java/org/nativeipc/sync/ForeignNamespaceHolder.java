package org.nativeipc.sync;

import java.io.FileInputStream;
import java.io.ObjectInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code main} of a JVM that {@link LiveHolderTest} starts in a PID namespace of its own:
 * attaches the lock serialized in {@code args[0]}, takes it, creates a region of its own (so it
 * runs the orphan scan from that namespace), reports "pid regionPath" to {@code args[1]}, then
 * holds the lock until killed.
 */
public final class ForeignNamespaceHolder {
    private static final long FOREVER_MILLIS = 120_000;

    private ForeignNamespaceHolder() {
    }

    public static void main(String[] args) throws Exception {
        SharedLock lock;
        try (ObjectInputStream in = new ObjectInputStream(new FileInputStream(args[0]))) {
            lock = (SharedLock) in.readObject();
        }
        lock.lock();
        SharedLock own = SharedLock.create();
        Path report = Path.of(args[1] + ".tmp");
        Files.writeString(report, ProcessHandle.current().pid() + " " + own.life.region().path() + "\n", StandardCharsets.UTF_8);
        Files.move(report, Path.of(args[1]));
        Thread.sleep(FOREVER_MILLIS);
    }
}
