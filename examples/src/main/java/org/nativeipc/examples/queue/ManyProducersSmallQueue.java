package org.nativeipc.examples.queue;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.nativeipc.process.ChildProcess;
import org.nativeipc.process.CurrentProcess;
import org.nativeipc.queue.SharedQueue;

/**
 * Seed §9, producing in bulk: ten producer processes each put one line into a queue of three,
 * ten consumer processes each take one and print it. Producers block while the queue is full
 * and go on as consumers take; every line is printed once.
 *
 * <pre>{@code
 * def inputQ(queue):  queue.put(str(os.getpid()) + '(put):' + str(time.asctime()))
 * def outputQ(queue): print(str(os.getpid()) + '(get):' + queue.get())
 * queue = multiprocessing.Queue(3)
 * for i in range(10): Process(target=inputQ, args=(queue,)).start()
 * for i in range(10): Process(target=outputQ, args=(queue,)).start()
 * # join all
 * }</pre>
 *
 * Arguments: producers and consumers (default 10 each, equal), queue capacity (default 3).
 */
public final class ManyProducersSmallQueue {
    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT);

    private ManyProducersSmallQueue() {
    }

    public static void main(String[] args) throws Exception {
        int processes = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int capacity = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        try (SharedQueue<String> queue = SharedQueue.create(capacity)) {
            List<ChildProcess> inputs = new ArrayList<>();
            List<ChildProcess> outputs = new ArrayList<>();
            for (int i = 0; i < processes; i++) {
                inputs.add(new ChildProcess(() -> queue.put(CurrentProcess.pid() + "(put):" + LocalDateTime.now().format(ASCTIME))).start());
            }
            for (int i = 0; i < processes; i++) {
                outputs.add(new ChildProcess(() -> System.out.println(CurrentProcess.pid() + "(get):" + queue.take())).start());
            }
            for (ChildProcess p : inputs) {
                p.join();
            }
            for (ChildProcess p : outputs) {
                p.join();
            }
        }
    }
}
