package org.nativeipc.pool;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** The classes a spare JVM preloads for a pool worker still exist under those names, and preloading them works. */
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
}
