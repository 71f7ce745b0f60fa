package org.nativeipc.examples.shared;

import org.nativeipc.shared.SharedLong;

/**
 * Seed §12, the fast way: the count is a {@link SharedLong}, and each of the 100 children
 * decrements it with one atomic instruction — no lock, no dict, and still exactly 0 (Python's
 * nearest is {@code Value('i', 100)} with {@code with v.get_lock(): v.value -= 1}).
 *
 * Argument: the number of children (default 100); the count starts there. Prints {@code count: 0}.
 */
public final class CountdownWithSharedLong {
    private CountdownWithSharedLong() {
    }

    public static void main(String[] args) throws Exception {
        int children = Countdown.children(args);
        try (SharedLong count = SharedLong.create(children)) {
            Countdown.run(children, count::decrementAndGet);
            System.out.println("count: " + count.get());
        }
    }
}
