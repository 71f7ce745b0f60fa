package org.nativeipc.examples.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.nativeipc.process.ChildProcess;
import org.nativeipc.process.CurrentProcess;

/**
 * Seed §8, before the lock: three children share the output with nothing to order them, so
 * one child's "is running" and "is done" are usually split by the others' lines.
 *
 * <pre>{@code
 * def work(n):
 *     print('%s: %s is running' % (n, os.getpid())); time.sleep(random.random()); print('%s:%s is done' % (n, os.getpid()))
 * for i in range(3): Process(target=work, args=(i,)).start()
 * }</pre>
 *
 * Argument: the longest random pause in milliseconds (default 1000).
 */
public final class CompetingOutput {
    private CompetingOutput() {
    }

    static void work(int n, int maxPauseMillis) throws InterruptedException {
        System.out.println(n + ": " + CurrentProcess.pid() + " is running");
        Thread.sleep(ThreadLocalRandom.current().nextInt(maxPauseMillis + 1));
        System.out.println(n + ": " + CurrentProcess.pid() + " is done");
    }

    public static void main(String[] args) throws Exception {
        int maxPauseMillis = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        List<ChildProcess> children = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int n = i;
            children.add(new ChildProcess(() -> work(n, maxPauseMillis)).start());
        }
        for (ChildProcess child : children) {
            child.join();
        }
    }
}
