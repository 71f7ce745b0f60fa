package org.nativeipc.examples.shared;

import java.util.Map;

import org.nativeipc.shared.SharedMap;
import org.nativeipc.sync.SharedBarrier;

/**
 * Seed §12's warning, made visible every time: "operating on shared data without the lock is
 * bound to go wrong". Each child reads {@code count}, and only when every child has read it (a
 * barrier: the unlucky timing, forced) writes back what it read minus one — so all of them
 * write the same value and the count ends at start − 1 instead of 0. Without the barrier the
 * race happens only now and then; with it, always.
 *
 * Argument: the number of children (default 10). Prints {@code {count=9}} for 10.
 */
public final class CountdownWithoutLock {
    private static final int DEFAULT_CHILDREN = 10;

    private CountdownWithoutLock() {
    }

    public static void main(String[] args) throws Exception {
        int children = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_CHILDREN;
        try (SharedMap<String, Integer> dic = SharedMap.create(1); SharedBarrier allHaveRead = SharedBarrier.create(children)) {
            dic.put("count", children);
            Countdown.run(children, () -> {
                int read = dic.get("count");
                allHaveRead.await();
                dic.put("count", read - 1);
            });
            System.out.println(Map.copyOf(dic));
        }
    }
}
