package org.nativeipc.examples.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Locale;

import org.nativeipc.process.ChildProcess;
import org.nativeipc.process.CurrentProcess;

/**
 * Seed §6: a TCP echo server that hands each accepted connection to a new child process, which
 * answers everything the client sends in capitals until the client hangs up.
 *
 * <p><b>How the child gets the socket.</b> Python's fork child simply keeps the parent's
 * descriptors. A child JVM is a new program ({@code posix_spawn}), so the connection is passed
 * the way inetd passes one: {@link ChildProcess#inheritChannel} makes the accepted socket the
 * child's standard input (descriptor 0), and the child's JDK hands it out as
 * {@link System#inheritedChannel()}, a {@link SocketChannel} like the one the parent accepted.
 * (The JDK does not tell which descriptor a channel has; native-ipc finds it among the process's
 * descriptors by its two addresses with {@code getsockname}/{@code getpeername}.) The parent
 * closes its copy once the child runs — the connection lives on in the child, and ends when the
 * child closes it. Such a child boots a JVM of its own (about 0.1 s) rather than a ready spare,
 * whose standard input is already fixed; the pool version ({@code PoolEchoServer}) pays that
 * once per worker instead.
 *
 * <p>Usage: {@code EchoServer [port, default any free one] [connections to serve, default no limit]}.
 * It prints the address it listens on, then one line per connection. Try it with
 * {@code nc 127.0.0.1 <port>}.
 */
public final class EchoServer {
    private static final int BUFFER_BYTES = 1024;

    private EchoServer() {
    }

    /** Answers everything {@code connection} sends, in capitals, until the client hangs up. */
    public static void echoInCapitals(SocketChannel connection) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
        while (connection.read(buffer.clear()) > 0) {
            String text = new String(buffer.array(), 0, buffer.position(), java.nio.charset.StandardCharsets.UTF_8);
            connection.write(ByteBuffer.wrap(text.toUpperCase(Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
    }

    /** Runs in the child: serves the connection it inherited. */
    static void talk() throws IOException {
        try (SocketChannel connection = (SocketChannel) System.inheritedChannel()) {
            System.out.println(CurrentProcess.pid() + " serves " + connection.getRemoteAddress());
            echoInCapitals(connection);
        }
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        long connections = args.length > 1 ? Long.parseLong(args[1]) : Long.MAX_VALUE;
        try (ServerSocketChannel server = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            System.out.println("echo server on " + server.getLocalAddress() + ", parent " + CurrentProcess.pid());
            for (long served = 0; served < connections; served++) {
                try (SocketChannel connection = server.accept()) {
                    new ChildProcess(EchoServer::talk).inheritChannel(connection).start();
                } // the parent's copy closes here; the child keeps serving
            }
        } // the children are joined when main ends, as in Python
    }
}
