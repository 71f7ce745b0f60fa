package org.nativeipc.examples.process;

import org.nativeipc.process.ChildProcess;

/**
 * Seed §2: processes do not share memory. The child sets its own copy of {@code n} to 0; the
 * parent's stays 100.
 */
public final class DataIsolation {
    static int n = 100;

    private DataIsolation() {
    }

    public static void main(String[] args) throws Exception {
        ChildProcess p = new ChildProcess(() -> {
            n = 0;
            System.out.println("in the child: " + n);
        });
        p.start();
        p.join();
        System.out.println("in the parent: " + n);
    }
}
