package org.nativeipc.examples.pool;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Semaphore;

import org.nativeipc.examples.process.EchoServer;
import org.nativeipc.pool.ProcessPool;
import org.nativeipc.process.CurrentProcess;

/**
 * Seed §6, the pool version: the echo server with {@code Pool(4)}, so at most four clients are
 * served at once; a fifth connects but waits until one of the four hangs up.
 *
 * <p><b>How the workers get the sockets.</b> Python's parent accepts and pickles each connection
 * to a worker (which, underneath, passes the descriptor over a Unix socket). Here the workers
 * already run when connections arrive, so rather than hand each connection over, every worker
 * is given the <em>listening</em> socket when it starts
 * ({@link org.nativeipc.pool.ProcessPoolBuilder#inheritChannel}, as its
 * {@link System#inheritedChannel()}), and each task accepts one connection there and serves it —
 * the pre-forked server of Apache or gunicorn: the kernel hands each new connection to one of the
 * workers waiting in {@code accept}. The parent keeps four such tasks submitted, one more each
 * time one ends, and prints what each served.
 *
 * <p>Usage: {@code PoolEchoServer [port, default any free one] [connections to serve, default no limit]}.
 */
public final class PoolEchoServer {
    private static final int PROCESSES = 4;

    private PoolEchoServer() {
    }

    /** Runs in a worker: accepts one connection on the inherited listening socket and serves it. */
    static String acceptAndTalk() throws IOException {
        ServerSocketChannel server = (ServerSocketChannel) System.inheritedChannel();
        try (SocketChannel connection = server.accept()) {
            String client = connection.getRemoteAddress().toString();
            System.out.println(CurrentProcess.pid() + " serves " + client);
            EchoServer.echoInCapitals(connection);
            return CurrentProcess.pid() + " served " + client;
        }
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        long connections = args.length > 1 ? Long.parseLong(args[1]) : Long.MAX_VALUE;
        try (ServerSocketChannel server = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
             ProcessPool pool = ProcessPool.builder().processes(PROCESSES).inheritChannel(server).build()) {
            System.out.println("echo server on " + server.getLocalAddress() + ", parent " + CurrentProcess.pid());
            Semaphore free = new Semaphore(PROCESSES);
            for (long served = 0; served < connections; served++) {
                free.acquire(); // one accept per worker at a time: the fifth client waits in the kernel's backlog
                pool.applyAsync(PoolEchoServer::acceptAndTalk,
                        done -> { System.out.println(done); free.release(); },
                        error -> { error.printStackTrace(); free.release(); });
            }
            free.acquire(PROCESSES); // the last connections are served
        }
    }
}
