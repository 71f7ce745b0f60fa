package org.nativeipc.examples.process;

import org.nativeipc.process.ChildProcess;
import org.nativeipc.process.CurrentProcess;

/**
 * Seed §4: a process as a subclass that overrides {@code run()}. The subclass (with its
 * fields) is what travels to the child, so it must be a static nested or top-level class.
 */
public final class SubclassedProcess {
    private SubclassedProcess() {
    }

    /** Python's {@code class MyProcess(Process)}. */
    static final class Chatter extends ChildProcess {
        private static final long serialVersionUID = 1L;

        Chatter(String person) {
            name(person);
        }

        @Override
        protected void run() {
            System.out.println(CurrentProcess.pid());
            System.out.println(name() + " is chatting with the streamer");
        }
    }

    public static void main(String[] args) throws Exception {
        ChildProcess p1 = new Chatter("jay");
        ChildProcess p2 = new Chatter("min");
        ChildProcess p3 = new Chatter("eason");
        p1.start();
        p2.start();
        p3.start();
        p1.join();
        p2.join();
        p3.join();
        System.out.println("main thread");
    }
}
