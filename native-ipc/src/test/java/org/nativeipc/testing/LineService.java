package org.nativeipc.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

import org.nativeipc.process.CurrentProcess;

/**
 * A one-line TCP service for tests of passing sockets to children: the server side answers a
 * line with its pid and the line in capitals; the client side waits with a timeout.
 */
public final class LineService {
    /** How long a client waits for an answer; a cold child JVM may have to boot first. */
    public static final int CLIENT_TIMEOUT_MILLIS = (int) Duration.ofSeconds(90).toMillis();

    private LineService() {
    }

    /** Reads one line from {@code channel} and answers with its pid and the line in capitals. */
    public static void answerOneLine(SocketChannel channel) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        StringBuilder line = new StringBuilder();
        while (channel.read(one.clear()) > 0 && one.get(0) != '\n') {
            line.append((char) one.get(0));
        }
        channel.write(ByteBuffer.wrap((CurrentProcess.pid() + " " + line.toString().toUpperCase(Locale.ROOT) + "\n")
                .getBytes(StandardCharsets.UTF_8)));
    }

    /** A client: sends {@code line}, returns the answer's line. */
    public static String ask(InetSocketAddress server, String line) {
        try (Socket socket = new Socket()) {
            socket.connect(server, CLIENT_TIMEOUT_MILLIS);
            socket.setSoTimeout(CLIENT_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            String answer = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertTrue(answer != null, "the server closed the connection without answering " + line);
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException("asking " + server + " '" + line + "' failed (timeout: "
                    + CLIENT_TIMEOUT_MILLIS + " ms)", e);
        }
    }

    /** A listening socket on the loopback address, on a free port. */
    public static ServerSocketChannel listenOnLoopback() throws IOException {
        return ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }
}
