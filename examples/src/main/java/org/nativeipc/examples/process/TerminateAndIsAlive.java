package org.nativeipc.examples.process;

import org.nativeipc.process.ChildProcess;

/**
 * Seed §7: {@code terminate()} asks the child to end but does not wait, so {@code isAlive()}
 * right after it is usually still true; a moment later it is false.
 */
public final class TerminateAndIsAlive {
    private TerminateAndIsAlive() {
    }

    public static void main(String[] args) throws Exception {
        ChildProcess p1 = new ChildProcess(() -> {
            System.out.println("eason is chatting");
            Thread.sleep(1000 + (long) (Math.random() * 3000));
            System.out.println("eason is still chatting");
        }).name("eason");
        p1.start();
        p1.terminate();
        System.out.println(p1.isAlive());
        System.out.println("start");
        p1.join(); // Python sleeps a moment here; join() waits exactly as long as needed
        System.out.println(p1.isAlive());
        System.out.println("exit code " + p1.exitCode().getAsInt());
    }
}
