package org.nativeipc.examples.process;

import org.nativeipc.process.ChildProcess;

/**
 * Seed §3: {@code join()} makes the parent wait. Without it (argument {@code nojoin}) the
 * parent prints while the child still runs; with it, after the child.
 */
public final class JoinChild {
    private JoinChild() {
    }

    public static void main(String[] args) throws Exception {
        boolean join = !(args.length > 0 && args[0].equals("nojoin"));
        ChildProcess p = new ChildProcess(() -> {
            System.out.println("hello jaychou");
            Thread.sleep(1000);
            System.out.println("I am the child process");
        });
        p.start();
        if (join) {
            p.join();
        }
        System.out.println("I am the parent process");
    }
}
