package org.nativeipc.queue;

import java.io.InterruptedIOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import org.nativeipc.codec.Codec;
import org.nativeipc.codec.CodecOutput;
import org.nativeipc.internal.memory.SideFiles;
import org.nativeipc.internal.object.Timeouts;

/**
 * An end of a {@link Pipe}: sends on one SPSC ring, receives on the other (or only one of the
 * two, for a one-way pipe). Objects go through the pipe's codec; raw bytes are marked with
 * their own record kind so that {@link #recv} can return them as they are.
 */
final class PipeConnection implements Connection {
    private static final long serialVersionUID = 1L;
    /** Record kind of a message sent with {@link #sendBytes}. */
    static final int KIND_BYTES = 1;

    private final transient Pipe pipe;
    private final transient boolean left;
    private final transient SpscRing out;
    private final transient SpscRing in;
    private final transient Codec<Object> codec;
    private final transient SideLock sendLock = new SideLock();
    private final transient SideLock receiveLock = new SideLock();
    /** The sending buffer (guarded by {@link #sendLock}). */
    private transient CodecOutput output;
    /** The copy of the message being received (guarded by {@link #receiveLock}). */
    private final transient MessageCopy received;
    private final transient ElementDecoder<Object> decoder;
    private final transient AtomicBoolean closed = new AtomicBoolean();

    PipeConnection(Pipe pipe, boolean left, SpscRing out, SpscRing in, Codec<Object> codec) {
        this.pipe = pipe;
        this.left = left;
        this.out = out;
        this.in = in;
        this.codec = codec;
        this.output = out == null ? null : new CodecOutput(out.maxMessageBytes);
        this.received = new MessageCopy(codec.arrayFraming());
        this.decoder = in == null ? null : new ElementDecoder<>(codec, in, "Connection[" + (left ? "left" : "right") + " end]", true);
    }

    /** This process now holds this end (it received it in a task): its peer will see it close or die. */
    void holdHere() {
        if (out != null) {
            out.ensureProducer();
        }
        if (in != null) {
            in.ensureConsumer();
        }
    }

    @Override
    public void send(Object o) {
        SpscRing ring = sendingRing();
        sendLock.enterUninterruptibly();
        try {
            try {
                SideElements.encodeAndWrite(ring, codec, o, output, Long.MAX_VALUE, true);
            } catch (InterruptedException e) {
                throw interrupted("send", e);
            } finally {
                if (SideElements.oversized(output, ring)) {
                    output = new CodecOutput(ring.maxMessageBytes); // a large element's buffer is not kept
                }
            }
        } finally {
            sendLock.exit();
        }
    }

    @Override
    public void sendBytes(byte[] b, int offset, int length) {
        Objects.requireNonNull(b, "b");
        Objects.checkFromIndexSize(offset, length, b.length);
        SpscRing ring = sendingRing();
        sendLock.enterUninterruptibly();
        try {
            write(ring, b, offset, length, KIND_BYTES);
        } finally {
            sendLock.exit();
        }
    }

    private void write(SpscRing ring, byte[] b, int offset, int length, int kind) {
        try {
            SideElements.write(ring, b, offset, length, kind, Long.MAX_VALUE, true);
        } catch (InterruptedException e) {
            throw interrupted("send", e);
        }
    }

    @Override
    public Object recv() {
        receiveLock.enterUninterruptibly();
        try {
            MessageCopy copy = receive();
            return SideElements.elementKind(copy) == KIND_BYTES ? decoder.resolve(copy).toArray() : decoder.decode(copy);
        } finally {
            received.release();
            receiveLock.exit();
        }
    }

    @Override
    public byte[] recvBytes() {
        receiveLock.enterUninterruptibly();
        try {
            return decoder.resolve(receive()).toArray();
        } finally {
            received.release();
            receiveLock.exit();
        }
    }

    @Override
    public long undecodableMessages() {
        return decoder == null ? 0 : decoder.droppedMessages();
    }

    /** Copies the next message (or a large element's reference) out of the ring (the caller holds the receive lock). */
    private MessageCopy receive() {
        SpscRing ring = receivingRing();
        try {
            return ring.read(received, Long.MAX_VALUE, false);
        } catch (EndOfStreamException e) {
            throw new EndOfStreamException(this + ": the peer closed its end (or its process died) and nothing is left to receive");
        } catch (InterruptedException e) {
            throw interrupted("recv", e);
        }
    }

    @Override
    public boolean poll(Duration timeout) {
        long nanos = Timeouts.toNanos(timeout);
        SpscRing ring = receivingRing();
        try {
            return ring.awaitReadable(nanos);
        } catch (InterruptedException e) {
            throw interrupted("poll", e);
        }
    }

    private SpscRing sendingRing() {
        checkOpen();
        if (out == null) {
            throw new IllegalStateException(this + " only receives: it is the reading end of a one-way pipe");
        }
        return out;
    }

    private SpscRing receivingRing() {
        checkOpen();
        if (in == null) {
            throw new IllegalStateException(this + " only sends: it is the writing end of a one-way pipe");
        }
        return in;
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    private UncheckedIOException interrupted(String what, InterruptedException e) {
        Thread.currentThread().interrupt();
        InterruptedIOException cause = new InterruptedIOException(what + " on " + this + " was interrupted");
        cause.initCause(e);
        return new UncheckedIOException(cause);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            SideFiles.removeSpares((out != null ? out : in).region);
            if (out != null) {
                out.closeSides(true, false);
            }
            if (in != null) {
                in.closeSides(false, true);
            }
        }
    }

    boolean isClosed() {
        return closed.get();
    }

    private Object writeReplace() {
        checkOpen();
        return pipe.life.handle(new End(codec, left));
    }

    /** What this end sends into (its peer receives). */
    String describe() {
        return (left ? "left" : "right") + " sends into " + (out == null ? "nothing" : out.toString());
    }

    /** Adds what this end sends into to {@code state}, for {@code nipc inspect}. */
    void describeInto(Map<String, Object> state) {
        if (out != null) {
            String direction = left ? "left to right" : "right to left";
            state.put(direction + ": messages", out.size());
            state.put(direction + ": processes", out.participants.describe());
        }
    }

    /**
     * What a connection's handle carries: which end, and the pipe's codec.
     *
     * @param codec the pipe's codec
     * @param left true for the left end
     */
    record End(Codec<Object> codec, boolean left) implements Serializable {
    }

    @Override
    public String toString() {
        return "Connection[" + (left ? "left" : "right") + " end of " + pipe.life.displayName()
                + (closed.get() ? ", closed" : "") + "]";
    }
}
