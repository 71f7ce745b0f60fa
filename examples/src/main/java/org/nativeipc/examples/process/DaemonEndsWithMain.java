package org.nativeipc.examples.process;

import org.nativeipc.process.ChildProcess;

/**
 * Seed §5: when the main program's code ends, its daemon child is terminated while the
 * non-daemon child is waited for. Prints {@code main-------}, {@code 456}, {@code end456};
 * {@code 123} may appear, {@code end123} never does.
 */
public final class DaemonEndsWithMain {
    private DaemonEndsWithMain() {
    }

    public static void main(String[] args) throws Exception {
        ChildProcess p1 = new ChildProcess(() -> {
            System.out.println(123);
            // Longer than the seed's 1 s: p2.start() returns once p2's JVM runs its task, which
            // on a busy machine can take a second.
            Thread.sleep(5000);
            System.out.println("end123");
        });
        ChildProcess p2 = new ChildProcess(() -> {
            System.out.println(456);
            Thread.sleep(3000);
            System.out.println("end456");
        });
        p1.daemon(true);
        p1.start();
        p2.start();
        Thread.sleep(100);
        System.out.println("main-------");
    }
}
