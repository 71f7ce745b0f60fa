package org.nativeipc.process;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.nativeipc.queue.Connection;
import org.nativeipc.queue.Pipe;
import org.nativeipc.queue.SharedQueue;

/**
 * The {@code main} of a JVM that {@link ExitOrderTest} starts: creates a queue or a pipe, starts
 * a non-daemon child blocked on it, reports the child's pid to {@code args[1]}, then throws —
 * the "parent whose main ends with an exception never exits".
 */
public final class ThrowingMain {
    private ThrowingMain() {
    }

    public static void main(String[] args) throws Exception {
        ChildProcess child;
        if (args[0].equals("queue")) {
            SharedQueue<String> q = SharedQueue.create(4);
            child = new ChildProcess(() -> System.out.println("child took " + q.take())).start();
        } else {
            Pipe pipe = Pipe.open();
            Connection end = pipe.right();
            child = new ChildProcess(() -> System.out.println("child received " + end.recv())).start();
        }
        Files.writeString(Path.of(args[1]), child.pid() + "\n", StandardCharsets.UTF_8);
        Thread.sleep(Long.parseLong(args[2])); // let the child block
        throw new IllegalStateException("main fails before sending the child anything");
    }
}
