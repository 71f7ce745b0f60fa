package org.nativeipc.examples.process;

import java.util.ArrayList;
import java.util.List;

import org.nativeipc.process.ChildProcess;

/**
 * Seed §2: ten children started in a loop. They print in whatever order they get to run, not
 * in the order they were started.
 */
public final class TenChildren {
    private TenChildren() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        List<ChildProcess> children = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int arg = i;
            children.add(new ChildProcess(() -> System.out.println(arg)).start());
        }
        for (ChildProcess child : children) {
            child.join();
        }
    }
}
