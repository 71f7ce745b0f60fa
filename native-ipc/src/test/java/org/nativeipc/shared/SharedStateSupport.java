package org.nativeipc.shared;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nativeipc.process.ChildProcess;
import org.nativeipc.process.ProcessTask;
import org.nativeipc.testing.ChildAssertions;
import org.nativeipc.testing.TestNames;

/** Base of the shared-state tests: children started here are killed, and names unlinked, after each test. */
abstract class SharedStateSupport {
    /** Longest any single wait in these tests may take before it counts as a hang. */
    static final Duration WAIT = Duration.ofSeconds(60);

    final List<ChildProcess> children = new ArrayList<>();
    @RegisterExtension
    final TestNames names = new TestNames();

    @AfterEach
    void killChildren() {
        ChildAssertions.killAll(children);
    }

    ChildProcess start(String name, ProcessTask task) {
        ChildProcess child = new ChildProcess(task).name(name);
        children.add(child);
        return child.start();
    }
}
