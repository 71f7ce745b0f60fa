package org.nativeipc.examples.process;

import java.util.ArrayList;
import java.util.List;

import org.nativeipc.process.ChildProcess;

/**
 * Seed §3: joining several children. Joining each right after starting it runs them one after
 * another (argument {@code each}); starting all, then joining all, runs them side by side.
 */
public final class JoinMany {
    private JoinMany() {
    }

    public static void main(String[] args) throws Exception {
        boolean joinEach = args.length > 0 && args[0].equals("each");
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<ChildProcess> children = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            ChildProcess p = new ChildProcess(() -> {
                System.out.println("hello bob " + n);
                Thread.sleep(300);
                System.out.println("bye bob " + n);
            });
            p.start();
            children.add(p);
            if (joinEach) {
                p.join();
            }
        }
        for (ChildProcess p : children) {
            p.join();
        }
        System.out.println("the parent runs on");
    }
}
