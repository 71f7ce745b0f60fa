package org.nativeipc.examples.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nativeipc.examples.ExampleRunner;
import org.nativeipc.examples.ExampleRunner.Result;

/**
 * The two services, started on their own as the README shows, meet through the named queue,
 * pipe and lock (in a private shared folder, so that the names cannot clash with anything else
 * on the machine).
 */
class ServicesExampleTest {
    @TempDir
    Path dir;

    @Test
    void theWorkerConfirmsEveryOrderAndKeepsTheSummary() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("shm"));
        List<String> options = List.of("-Dnativeipc.shm.dir=" + folder, "-Dorders.summary=" + dir.resolve("summary.txt"));
        CompletableFuture<Result> worker = CompletableFuture.supplyAsync(
                () -> ExampleRunner.run(ExampleRunner.DEFAULT_TIMEOUT, options, OrderWorker.class));
        Result publisher = ExampleRunner.run(ExampleRunner.DEFAULT_TIMEOUT, options, OrderPublisher.class, "4")
                .assertSucceeded();
        List<String> lines = publisher.lines();
        assertEquals("published 4 orders", lines.get(0), lines::toString);
        for (int id = 1; id <= 4; id++) {
            assertTrue(lines.contains("worker: order " + id + ": " + id + " x " + new String[] {"widget", "gadget", "sprocket"}[id % 3]
                    + " confirmed"), lines::toString);
        }
        assertTrue(lines.contains("summary: 4 orders, 2500 cents"), lines::toString);
        assertEquals("done: unlinked all three names", lines.get(lines.size() - 1), lines::toString);
        Result stopped = worker.get().assertSucceeded();
        assertTrue(stopped.lines().contains("worker stops after 4 orders"), stopped.stdout());
        try (var left = Files.list(folder)) {
            assertTrue(left.noneMatch(f -> f.getFileName().toString().startsWith("nipc-name-")), "every name was unlinked");
        }
    }
}
