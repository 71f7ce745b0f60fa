package org.nativeipc.queue;

import static org.nativeipc.testing.ChildAssertions.killAll;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.nativeipc.process.ChildProcess;
import org.nativeipc.testing.ChildAssertions;
import org.nativeipc.testing.Polling;

/** Base of the queue tests that start children: a folder for their reports, and no child left behind. */
abstract class WithChildren {
    @TempDir
    Path dir;
    final List<ChildProcess> children = new ArrayList<>();

    @AfterEach
    void killLeftoverChildren() {
        killAll(children);
    }

    /** Starts {@code child}, to be killed after the test if it is still running. */
    ChildProcess start(ChildProcess child) {
        children.add(child);
        return child.start();
    }

    /** The path of file {@code name} in the test's folder, as a String a child's task can capture. */
    String file(String name) {
        return dir.resolve(name).toString();
    }

    static void awaitTrue(BooleanSupplier condition, String what) {
        Polling.awaitTrue(what, ChildAssertions.CHILD_TIMEOUT, condition);
    }
}
