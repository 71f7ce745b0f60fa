package org.nativeipc.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nativeipc.pool.PoolTesting.closeAndJoin;
import static org.nativeipc.pool.PoolTesting.result;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.nativeipc.process.CurrentProcess;
import org.nativeipc.testing.LineService;

/** Workers that share a listening socket and serve connections themselves: the pool half of seed §6. */
class PoolInheritChannelTest {
    /** In a worker: accepts one connection on the inherited listening socket, answers it, returns the pid. */
    static long serveOneConnection() throws IOException {
        ServerSocketChannel server = (ServerSocketChannel) System.inheritedChannel();
        try (SocketChannel connection = server.accept()) {
            LineService.answerOneLine(connection);
        }
        return CurrentProcess.pid();
    }

    @Test
    void workersAcceptAndServeConnectionsOnTheInheritedSocket() throws Exception {
        int clients = 6;
        try (ServerSocketChannel server = LineService.listenOnLoopback()) {
            InetSocketAddress address = (InetSocketAddress) server.getLocalAddress();
            ProcessPool pool = ProcessPool.builder().processes(2).name("socket-pool").inheritChannel(server).build();
            try {
                List<CompletableFuture<Long>> served = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    served.add(pool.applyAsync(PoolInheritChannelTest::serveOneConnection));
                }
                List<CompletableFuture<String>> answers = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    String line = "client " + i;
                    answers.add(CompletableFuture.supplyAsync(() -> LineService.ask(address, line)));
                }
                Set<Long> servers = new HashSet<>();
                for (int i = 0; i < clients; i++) {
                    String answer = result(answers.get(i), "the answer to client " + i);
                    long pid = Long.parseLong(answer.substring(0, answer.indexOf(' ')));
                    assertEquals(pid + " CLIENT " + i, answer);
                    servers.add(pid);
                }
                Set<Long> workers = new HashSet<>(pool.workerPids());
                for (CompletableFuture<Long> task : served) {
                    assertTrue(workers.contains(result(task, "a serving task")), "served by a worker: " + workers);
                }
                assertTrue(workers.containsAll(servers), "connections were served by the workers " + workers + ": " + servers);
                assertTrue(pool.apply(() -> System.inheritedChannel() instanceof ServerSocketChannel),
                        "a worker's inherited channel is the listening socket");
            } finally {
                closeAndJoin(pool);
            }
        }
    }
}
