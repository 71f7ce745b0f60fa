package org.nativeipc.examples.queue;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.nativeipc.process.ChildProcess;
import org.nativeipc.queue.SharedQueue;

/**
 * Seed §9, a child sending data to its parent: the child puts a list, the parent takes it.
 *
 * <pre>{@code
 * def f(q):
 *     q.put([time.asctime(), 'from Eva', 'hello'])
 * q = Queue()
 * p = Process(target=f, args=(q,)); p.start()
 * print(q.get())
 * p.join()
 * }</pre>
 */
public final class ChildSendsToParent {
    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT);

    private ChildSendsToParent() {
    }

    public static void main(String[] args) throws Exception {
        try (SharedQueue<List<String>> q = SharedQueue.create(10)) {
            ChildProcess p = new ChildProcess(() -> q.put(List.of(LocalDateTime.now().format(ASCTIME), "from Eva", "hello")));
            p.start();
            System.out.println(q.take());
            p.join();
        }
    }
}
