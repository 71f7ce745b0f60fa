package org.nativeipc.examples.process;

import org.nativeipc.process.ChildProcess;
import org.nativeipc.process.CurrentProcess;

/**
 * Seed §5: a daemon child ends when the main program ends. The parent waits (argument:
 * milliseconds, default 2000) then ends, and the daemon with it; with a wait of 0, the daemon
 * may not even get to print.
 */
public final class DaemonChild {
    private DaemonChild() {
    }

    /** Python's {@code class Myprocess(Process)} with a person to chat with. */
    static final class Chatter extends ChildProcess {
        private static final long serialVersionUID = 1L;
        private final String person;

        Chatter(String person) {
            this.person = person;
        }

        @Override
        protected void run() throws Exception {
            System.out.println(CurrentProcess.pid() + " " + CurrentProcess.name());
            System.out.println(person + " is chatting with the streamer");
            Thread.sleep(60_000);
            System.out.println("a daemon never gets here: it ends with its parent");
        }
    }

    public static void main(String[] args) throws Exception {
        long waitMillis = args.length > 0 ? Long.parseLong(args[0]) : 2000;
        ChildProcess p = new Chatter("jaychou");
        p.daemon(true); // before start(): p ends with this program and may not start children
        p.start();
        Thread.sleep(waitMillis);
        System.out.println("main");
    }
}
