package org.nativeipc.testing;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.nativeipc.process.ChildProcess;

/**
 * The children a test started, killed and reaped after each test so none outlives it:
 * {@code @RegisterExtension final StartedChildren children = new StartedChildren();}, then
 * {@code children.track(new ChildProcess(...).start())}.
 */
public final class StartedChildren implements AfterEachCallback {
    private final List<ChildProcess> started = new ArrayList<>();

    /** Remembers {@code child} for clean-up and returns it. */
    public ChildProcess track(ChildProcess child) {
        started.add(child);
        return child;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ChildAssertions.killAll(started);
        started.clear();
    }
}
