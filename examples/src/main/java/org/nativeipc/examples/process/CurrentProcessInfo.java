package org.nativeipc.examples.process;

import org.nativeipc.process.ChildProcess;
import org.nativeipc.process.CurrentProcess;

/**
 * Seed §7: {@code current_process()} — a child learns its own name and pid; the parent
 * names its children before starting them.
 */
public final class CurrentProcessInfo {
    private CurrentProcessInfo() {
    }

    static void task(int arg) throws InterruptedException {
        System.out.println(CurrentProcess.name() + " pid " + CurrentProcess.pid());
        Thread.sleep(500);
        System.out.println(CurrentProcess.name() + " arg " + arg);
    }

    public static void main(String[] args) throws Exception {
        System.out.println("111111111");
        ChildProcess p1 = new ChildProcess(() -> task(1)).name("pp1");
        p1.start();
        System.out.println("222222222");
        ChildProcess p2 = new ChildProcess(() -> task(2)).name("pp2");
        p2.start();
        System.out.println("333333333");
        System.out.println("children " + p1.pid() + " " + p2.pid());
    }
}
