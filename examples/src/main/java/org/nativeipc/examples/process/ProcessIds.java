package org.nativeipc.examples.process;

import java.util.ArrayList;
import java.util.List;

import org.nativeipc.process.ChildProcess;
import org.nativeipc.process.CurrentProcess;

/** Seed §3: {@code os.getpid()} and {@code os.getppid()} in the parent and its children. */
public final class ProcessIds {
    private ProcessIds() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("main process id: " + CurrentProcess.pid());
        List<ChildProcess> children = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            children.add(new ChildProcess(() -> System.out.println(
                    "child process id: " + CurrentProcess.pid() + " parent process id: " + CurrentProcess.parentPid())).start());
        }
        for (ChildProcess child : children) {
            child.join();
            System.out.println("started child " + child.pid());
        }
    }
}
