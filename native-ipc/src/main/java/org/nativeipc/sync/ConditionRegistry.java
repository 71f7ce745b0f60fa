package org.nativeipc.sync;

import java.util.ArrayList;
import java.util.List;

/** The conditions a lock created in this process, closed with it. */
final class ConditionRegistry {
    private final List<SharedCondition> created = new ArrayList<>();

    synchronized SharedCondition add(SharedCondition condition) {
        created.add(condition);
        return condition;
    }

    void closeAll() {
        List<SharedCondition> toClose;
        synchronized (this) {
            toClose = new ArrayList<>(created);
            created.clear();
        }
        for (SharedCondition condition : toClose) {
            condition.close();
        }
    }
}
