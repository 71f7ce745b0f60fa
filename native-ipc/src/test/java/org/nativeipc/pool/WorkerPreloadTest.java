package org.nativeipc.pool;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.nativeipc.internal.liveness.Liveness;
import org.nativeipc.internal.posix.SharedFolder;

/**
 * The classes a spare JVM preloads for a pool worker still exist under those names, preloading
 * them works, and the rehearsal of a worker's start runs its tasks and leaves no file behind.
 */
class WorkerPreloadTest {
    @Test
    void everyPreloadedClassExists() {
        ClassLoader loader = WorkerPreload.class.getClassLoader();
        for (String name : WorkerPreload.CLASSES) {
            assertDoesNotThrow(() -> Class.forName(name, false, loader),
                    name + " is gone: update WorkerPreload.CLASSES with what a pool worker loads now (-Xlog:class+load)");
        }
    }

    @Test
    void initializingItPreloadsWithoutFailing() throws Exception {
        assertDoesNotThrow(() -> Class.forName(WorkerPreload.class.getName(), true, WorkerPreload.class.getClassLoader()));
        assertTrue(WorkerPreload.CLASSES.contains(WorkerLoop.class.getName()), "the worker's loop is preloaded");
    }

    @Test
    void theRehearsalRunsAWorkerToItsShutdownAndRemovesItsRegions() throws Exception {
        List<Path> before = ownRegionFiles();
        assertEquals(WorkerRehearsal.TASKS, WorkerRehearsal.run(), "results of the rehearsal's tasks");
        assertEquals(before, ownRegionFiles(), "region files of this process left behind by the rehearsal");
    }

    /** This process's region files in the shared folder (named after its liveness token). */
    private static List<Path> ownRegionFiles() throws IOException {
        String prefix = String.format("%s%016x-", SharedFolder.FILE_PREFIX, Liveness.self());
        try (Stream<Path> files = Files.list(SharedFolder.path())) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).sorted().toList();
        }
    }
}
