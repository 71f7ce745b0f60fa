package org.nativeipc.queue;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nativeipc.process.ChildProcess;
import org.nativeipc.testing.ChildAssertions;
import org.nativeipc.testing.Polling;
import org.nativeipc.testing.StartedChildren;

/** Base of the queue tests that start children: a folder for their reports, and no child left behind. */
abstract class WithChildren {
    @TempDir
    Path dir;
    @RegisterExtension
    final StartedChildren children = new StartedChildren();

    /** Starts {@code child}, to be killed after the test if it is still running. */
    ChildProcess start(ChildProcess child) {
        return children.track(child.start());
    }

    /** The path of file {@code name} in the test's folder, as a String a child's task can capture. */
    String file(String name) {
        return dir.resolve(name).toString();
    }

    static void awaitTrue(BooleanSupplier condition, String what) {
        Polling.awaitTrue(what, ChildAssertions.CHILD_TIMEOUT, condition);
    }
}
