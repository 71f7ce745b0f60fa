package org.nativeipc.queue;

import static org.junit.jupiter.api.Assertions.*;
import static org.nativeipc.testing.ChildAssertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nativeipc.process.ChildProcess;

/** Pipe and Connection between processes: duplex ping-pong, one-way, end of stream, broken pipe. */
class PipeTest extends WithChildren {
    private static final int ROUNDS = 2000;

    @Test
    void duplexPingPong() throws Exception {
        Pipe pipe = Pipe.open();
        try (pipe) {
            Connection child = pipe.right();
            ChildProcess echo = start(new ChildProcess(() -> {
                while (true) {
                    Object o = child.recv();
                    if ("stop".equals(o)) {
                        break;
                    }
                    child.send(o instanceof Integer i ? i + 1 : o);
                }
                byte[] raw = child.recvBytes();
                child.sendBytes(raw, 1, raw.length - 1);
                child.close();
            }));
            Connection me = pipe.left();
            for (int i = 0; i < ROUNDS; i++) {
                me.send(i);
                assertEquals(i + 1, me.recv());
            }
            me.send(List.of("a", 1));
            assertEquals(List.of("a", 1), me.recv());
            me.send(null);
            assertNull(me.recv(), "null travels through a pipe, as None does in Python");
            me.send("stop");
            me.sendBytes(new byte[] {1, 2, 3}, 0, 3);
            assertArrayEquals(new byte[] {2, 3}, me.recvBytes());
            assertExitsOk(echo);
        }
    }

    @Test
    void recvAfterThePeerClosedEndsWithEndOfStream() throws Exception {
        try (Pipe pipe = Pipe.open()) {
            Connection child = pipe.right();
            ChildProcess sender = start(new ChildProcess(() -> {
                child.send("last words");
                child.close();
            }));
            Connection me = pipe.left();
            assertEquals("last words", me.recv());
            EndOfStreamException e = assertThrows(EndOfStreamException.class, me::recv);
            assertTrue(e.getCause() instanceof java.io.EOFException);
            assertTrue(me.poll(Duration.ZERO), "poll() says recv() would not block (it ends)");
            assertExitsOk(sender);
        }
    }

    @Test
    void aPeerThatClosesWithoutSendingOrDiesEndsTheStream() throws Exception {
        try (Pipe pipe = Pipe.open()) {
            Connection child = pipe.right();
            ChildProcess silent = start(new ChildProcess(child::close));
            assertExitsOk(silent);
            assertThrows(EndOfStreamException.class, pipe.left()::recv);
        }
        try (Pipe pipe = Pipe.open()) {
            Connection child = pipe.right();
            String marker = file("holding");
            ChildProcess holder = start(new ChildProcess(() -> {
                Files.writeString(Path.of(marker), "holding " + child);
                Thread.sleep(60_000);
            }));
            awaitTrue(() -> Files.exists(Path.of(marker)),
                    "the child to receive its end");
            holder.kill();
            assertThrows(EndOfStreamException.class, pipe.left()::recv, "a dead peer ends the stream");
        }
    }

    @Test
    void sendAfterThePeerClosedIsABrokenPipe() throws Exception {
        try (Pipe pipe = Pipe.open()) {
            Connection child = pipe.right();
            ChildProcess closer = start(new ChildProcess(child::close));
            assertExitsOk(closer);
            assertThrows(EndOfStreamException.class, () -> pipe.left().send("anyone?"));
        }
    }

    @Test
    void oneWayPipe() throws Exception {
        try (Pipe pipe = Pipe.openOneWay()) {
            Connection writer = pipe.right();
            ChildProcess sender = start(new ChildProcess(() -> {
                for (int i = 0; i < 100; i++) {
                    writer.send("m" + i);
                }
                writer.close();
            }));
            Connection reader = pipe.left();
            assertThrows(IllegalStateException.class, () -> reader.send("x"), "the left end of a one-way pipe only receives");
            for (int i = 0; i < 100; i++) {
                assertEquals("m" + i, reader.recv());
            }
            assertThrows(EndOfStreamException.class, reader::recv);
            assertExitsOk(sender);
        }
    }

    @Test
    void messagesLargerThanTheBufferPassThroughASideFile() {
        try (Pipe pipe = Pipe.open(1024)) {
            pipe.left().sendBytes(new byte[600], 0, 600);
            pipe.left().send("fits");
            assertArrayEquals(new byte[600], pipe.right().recvBytes());
            assertEquals("fits", pipe.right().recv());
        }
    }
}
