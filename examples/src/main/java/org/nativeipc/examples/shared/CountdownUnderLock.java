package org.nativeipc.examples.shared;

import java.util.Map;

import org.nativeipc.shared.SharedMap;
import org.nativeipc.sync.SharedLock;

/**
 * Seed §12, the seed's way: 100 children each decrement {@code count} in a shared dict, reading
 * and writing it under a lock, so it ends at exactly 0 ({@link CountdownWithoutLock} shows what
 * the lock prevents, {@link CountdownWithSharedLong} the fast way).
 *
 * <pre>{@code
 * def work(d, lock):
 *     with lock: d['count'] -= 1
 * lock = Lock()
 * with Manager() as m:
 *     dic = m.dict({'count': 100})
 *     p_l = [Process(target=work, args=(dic, lock)) for i in range(100)]
 *     ...start all, join all...
 *     print(dic)
 * }</pre>
 *
 * Argument: the number of children (default 100); the count starts there. Prints {@code {count=0}}.
 */
public final class CountdownUnderLock {
    private CountdownUnderLock() {
    }

    public static void main(String[] args) throws Exception {
        int children = Countdown.children(args);
        try (SharedLock lock = SharedLock.create(); SharedMap<String, Integer> dic = SharedMap.create(1)) {
            dic.put("count", children);
            Countdown.run(children, () -> {
                lock.lock();
                try {
                    dic.put("count", dic.get("count") - 1);
                } finally {
                    lock.unlock();
                }
            });
            System.out.println(Map.copyOf(dic));
        }
    }
}
