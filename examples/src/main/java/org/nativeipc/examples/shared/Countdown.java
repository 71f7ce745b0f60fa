package org.nativeipc.examples.shared;

import java.util.ArrayList;
import java.util.List;

import org.nativeipc.process.ChildProcess;
import org.nativeipc.process.ProcessTask;

/** What the countdown examples share: start N children running a task, join them all, report the time. */
final class Countdown {
    /** The seed's number of children, and the count they start from. */
    static final int SEED_CHILDREN = 100;

    private Countdown() {
    }

    /** The number of children: the first argument, else the seed's 100. */
    static int children(String[] args) {
        return args.length > 0 ? Integer.parseInt(args[0]) : SEED_CHILDREN;
    }

    /** Starts {@code children} children running {@code task}, joins them, and prints the elapsed time to stderr. */
    static void run(int children, ProcessTask task) throws InterruptedException {
        long start = System.nanoTime();
        List<ChildProcess> started = new ArrayList<>();
        for (int i = 0; i < children; i++) {
            started.add(new ChildProcess(task).start());
        }
        for (ChildProcess p : started) {
            p.join();
            if (p.exitCode().orElse(-1) != 0) {
                throw new IllegalStateException(p + " failed with exit code " + p.exitCode().orElse(-1));
            }
        }
        System.err.printf("%d children in %.1f s%n", children, (System.nanoTime() - start) / 1e9);
    }
}
