package org.nativeipc.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nativeipc.testing.ChildAssertions.assertExitsOk;
import static org.nativeipc.testing.LineService.*;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.Channel;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nativeipc.testing.StartedChildren;

/** A child gets a socket of its parent as {@code System.inheritedChannel()}: seed §6. */
class InheritChannelTest {
    @RegisterExtension
    final StartedChildren children = new StartedChildren();

    /** In the child: answers the connection it inherited. */
    static void answerInheritedConnection() throws IOException {
        Channel inherited = System.inheritedChannel();
        if (!(inherited instanceof SocketChannel connection)) {
            throw new IllegalStateException("the inherited channel is " + inherited + ", not a connected socket");
        }
        try (connection) {
            answerOneLine(connection);
        }
    }

    /** In the child: accepts one connection on the listening socket it inherited and answers it. */
    static void acceptOnInheritedServer() throws IOException {
        Channel inherited = System.inheritedChannel();
        if (!(inherited instanceof ServerSocketChannel server)) {
            throw new IllegalStateException("the inherited channel is " + inherited + ", not a listening socket");
        }
        try (SocketChannel connection = server.accept()) {
            answerOneLine(connection);
        }
    }

    @Test
    void aChildServesTheConnectionItsParentAccepted() throws Exception {
        try (ServerSocketChannel server = listenOnLoopback(); Socket client = new Socket()) {
            client.connect(server.getLocalAddress(), CLIENT_TIMEOUT_MILLIS);
            client.setSoTimeout(CLIENT_TIMEOUT_MILLIS);
            ChildProcess child;
            try (SocketChannel accepted = server.accept()) {
                child = children.track(new ChildProcess(InheritChannelTest::answerInheritedConnection)
                        .inheritChannel(accepted).start());
            } // the parent's copy is closed; the connection lives on in the child
            client.getOutputStream().write("hello\n".getBytes(StandardCharsets.UTF_8));
            String answer = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertEquals(child.pid() + " HELLO", answer);
            assertEquals(-1, client.getInputStream().read(), "the connection ends when the child closes it");
            assertExitsOk(child);
        }
    }

    @Test
    void aChildAcceptsOnTheListeningSocketItInherited() throws Exception {
        try (ServerSocketChannel server = listenOnLoopback()) {
            ChildProcess child = children.track(new ChildProcess(InheritChannelTest::acceptOnInheritedServer)
                    .inheritChannel(server).start());
            assertEquals(child.pid() + " PING", ask((InetSocketAddress) server.getLocalAddress(), "ping"));
            assertExitsOk(child);
        }
    }

    @Test
    void channelsThatCannotBePassedOnAreRefusedAtOnce() throws Exception {
        ChildProcess child = new ChildProcess(() -> { });
        ServerSocketChannel closed = listenOnLoopback();
        closed.close();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> child.inheritChannel(closed))
                .getMessage().contains("closed"));
        try (ServerSocketChannel unbound = ServerSocketChannel.open(); SocketChannel unconnected = SocketChannel.open()) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> child.inheritChannel(unbound))
                    .getMessage().contains("not bound"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> child.inheritChannel(unconnected))
                    .getMessage().contains("not connected"));
        }
        Pipe pipe = Pipe.open();
        try (Pipe.SourceChannel source = pipe.source(); Pipe.SinkChannel sink = pipe.sink()) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> child.inheritChannel(source))
                    .getMessage().contains("ServerSocketChannel or a SocketChannel"));
        }
        assertThrows(NullPointerException.class, () -> child.inheritChannel(null));
    }
}
