package org.nativeipc.examples.sync;

import java.util.ArrayList;
import java.util.List;

import org.nativeipc.process.ChildProcess;
import org.nativeipc.sync.SharedLock;

/**
 * Seed §8, with the lock: the same three children, but each prints its two lines holding a
 * {@link SharedLock}, so the output is serial — "running" and "done" of one child, then the
 * next. Concurrency traded for order, as the seed says.
 *
 * <pre>{@code
 * def work(lock, n):
 *     lock.acquire(); print(... 'is running'); time.sleep(random.random()); print(... 'is done'); lock.release()
 * lock = Lock()
 * for i in range(3): Process(target=work, args=(lock, i)).start()
 * }</pre>
 *
 * Argument: the longest random pause in milliseconds (default 1000).
 */
public final class LockedOutput {
    private LockedOutput() {
    }

    public static void main(String[] args) throws Exception {
        int maxPauseMillis = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        try (SharedLock lock = SharedLock.create()) {
            List<ChildProcess> children = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int n = i;
                children.add(new ChildProcess(() -> {
                    lock.lock();
                    try {
                        CompetingOutput.work(n, maxPauseMillis);
                    } finally {
                        lock.unlock();
                    }
                }).start());
            }
            for (ChildProcess child : children) {
                child.join();
            }
        }
    }
}
