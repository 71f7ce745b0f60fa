package org.nativeipc.examples.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.nativeipc.examples.ExampleRunner;
import org.nativeipc.examples.pool.PoolEchoServer;

/** Seed §6: the echo servers run as a user runs them, and real clients connect to them. */
class EchoServerExamplesTest {
    private static final Pattern LISTENING = Pattern.compile("echo server on .*:(\\d+), parent (\\d+)");
    private static final Pattern SERVES = Pattern.compile("(\\d+) serves /127\\.0\\.0\\.1:\\d+");
    /** A cold child JVM boots before a client is answered; a loaded machine takes its time. */
    private static final int ANSWER_TIMEOUT_MILLIS = (int) Duration.ofSeconds(90).toMillis();
    /** How long the fifth client of the pool server is watched for an answer that must not come. */
    private static final int NO_ANSWER_MILLIS = 1_000;

    /** A started example server: its port, its pid, and what it prints after its first line. */
    private record Server(Process process, int port, String parentPid, CompletableFuture<String> rest,
                          CompletableFuture<String> errors) {
        static Server start(Class<?> mainClass, String... args) throws Exception {
            Process process = new ProcessBuilder(ExampleRunner.command(mainClass, args)).start();
            CompletableFuture<String> errors = ExampleRunner.drain(process.getErrorStream());
            InputStream out = process.getInputStream();
            String first;
            try {
                first = CompletableFuture.supplyAsync(() -> readLine(out)).get(ANSWER_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError(mainClass.getSimpleName() + " did not print its address: " + e
                        + "\n" + errors.getNow(""), e);
            }
            Matcher m = LISTENING.matcher(first);
            assertTrue(m.matches(), "first line: " + first);
            return new Server(process, Integer.parseInt(m.group(1)), m.group(2), ExampleRunner.drain(out), errors);
        }

        Socket connect() throws IOException {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), ANSWER_TIMEOUT_MILLIS);
            socket.setSoTimeout(ANSWER_TIMEOUT_MILLIS);
            return socket;
        }

        List<String> finish(Class<?> mainClass) {
            return ExampleRunner.finish(process, ExampleRunner.DEFAULT_TIMEOUT, mainClass, rest, errors).assertSucceeded().lines();
        }
    }

    private static String readLine(InputStream in) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("the example ended its output before a line: " + line);
                }
                line.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    /** Sends {@code text} and reads the answer of the same length. */
    private static String talk(Socket client, String text) throws IOException {
        client.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        byte[] answer = client.getInputStream().readNBytes(text.length());
        return new String(answer, StandardCharsets.UTF_8);
    }

    private static Set<String> pidsServing(List<String> lines) {
        return lines.stream().map(SERVES::matcher).filter(Matcher::matches).map(m -> m.group(1)).collect(Collectors.toSet());
    }

    @Test
    void eachConnectionIsServedByAChildOfItsOwn() throws Exception {
        Server server = Server.start(EchoServer.class, "0", "3");
        List<Socket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                clients.add(server.connect());
            }
            for (int i = 0; i < 3; i++) { // all three open at once, each answered
                assertEquals("hello " + i + "\n", talk(clients.get(i), "hello " + i + "\n").toLowerCase());
                assertEquals("AGAIN\n", talk(clients.get(i), "again\n"));
            }
        } finally {
            for (Socket client : clients) {
                client.close();
            }
        }
        List<String> lines = server.finish(EchoServer.class);
        Set<String> pids = pidsServing(lines);
        assertEquals(3, pids.size(), "three children, one per connection: " + lines);
        assertFalse(pids.contains(server.parentPid()), "the parent serves no connection: " + lines);
    }

    @Test
    void aPoolOfFourServesFourClientsAtOnce() throws Exception {
        Server server = Server.start(PoolEchoServer.class, "0", "5");
        List<Socket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                clients.add(server.connect());
                assertEquals("CLIENT " + i + "\n", talk(clients.get(i), "client " + i + "\n"));
            }
            Socket fifth = server.connect(); // the kernel completes the connection; no worker takes it yet
            clients.add(fifth);
            fifth.getOutputStream().write("fifth\n".getBytes(StandardCharsets.UTF_8));
            fifth.setSoTimeout(NO_ANSWER_MILLIS);
            assertThrows(SocketTimeoutException.class, () -> fifth.getInputStream().read(),
                    "a fifth client is served while four are");
            fifth.setSoTimeout(ANSWER_TIMEOUT_MILLIS);
            clients.get(0).close(); // a worker is free: the fifth is served
            assertEquals("FIFTH\n", new String(fifth.getInputStream().readNBytes(6), StandardCharsets.UTF_8));
        } finally {
            for (Socket client : clients) {
                client.close();
            }
        }
        List<String> lines = server.finish(PoolEchoServer.class);
        Set<String> pids = pidsServing(lines);
        assertEquals(5, lines.stream().filter(l -> SERVES.matcher(l).matches()).count(), lines::toString);
        assertEquals(4, pids.size(), "four workers served the five clients: " + lines);
        assertFalse(pids.contains(server.parentPid()), "the parent serves no connection: " + lines);
        assertEquals(5, lines.stream().filter(l -> l.matches("\\d+ served /127\\.0\\.0\\.1:\\d+")).count(), lines::toString);
    }
}
