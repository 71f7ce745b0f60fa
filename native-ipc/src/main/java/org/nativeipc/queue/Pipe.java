package org.nativeipc.queue;

import static org.nativeipc.queue.PipeLayout.*;

import java.util.List;

import org.nativeipc.codec.Codec;
import org.nativeipc.internal.memory.AttachedObjects;
import org.nativeipc.internal.memory.RegionKind;
import org.nativeipc.internal.memory.SharedRegion;

/**
 * Two connected {@link Connection}s: Python's {@code multiprocessing.Pipe()}.
 *
 * <pre>{@code
 * Pipe pipe = Pipe.open();
 * Connection child = pipe.right();
 * new ChildProcess(() -> { child.send(List.of(42, "hello")); child.close(); }).start();
 * System.out.println(pipe.left().recv());
 * }</pre>
 *
 * <p>{@link #open()} gives a duplex pipe (both ends send and receive, like
 * {@code Pipe(duplex=True)}); {@link #openOneWay()} a one-way pipe whose {@link #left()} end only
 * receives and {@link #right()} end only sends (like {@code Pipe(duplex=False)}, which returns
 * the reader first). Each direction is an {@link SpscRing} of {@link #DEFAULT_BUFFER_BYTES}
 * (or the size given), so a message may be up to about half of that; a larger one is refused
 * before anything is written. A round trip costs well under a microsecond when the receiver is
 * spinning and a futex wake (microseconds) when it sleeps.
 *
 * <p>The pipe's shared memory lives until the creating process calls {@link #close()} or exits;
 * closing a connection only closes that end, so a child that receives the other end later can
 * still attach it.
 */
public final class Pipe implements AutoCloseable {
    /** Buffer per direction by default: 1 MiB (messages up to 512 KiB). */
    public static final int DEFAULT_BUFFER_BYTES = 1 << 20;

    final SharedRegion region;
    private final PipeConnection left;
    private final PipeConnection right;

    Pipe(SharedRegion region, Codec<Object> codec) {
        this.region = region;
        int rings = region.getInt(RING_COUNT_OFFSET);
        int base0 = region.getInt(RING0_BASE_OFFSET);
        int base1 = region.getInt(RING1_BASE_OFFSET);
        if (rings < 1 || rings > 2 || base0 != HEADER_BYTES || (rings == 2) != (base1 > base0)) {
            throw new IllegalStateException(region + " does not hold a valid pipe (rings " + rings + " at " + base0 + ", " + base1
                    + "): the file is corrupted; open the pipe again");
        }
        SpscRing towardsLeft = new SpscRing(region, base0, false);
        SpscRing towardsRight = rings == 2 ? new SpscRing(region, base1, false) : null;
        this.left = new PipeConnection(this, true, towardsRight, towardsLeft, codec);
        this.right = new PipeConnection(this, false, towardsLeft, towardsRight, codec);
    }

    /**
     * A duplex pipe with {@link #DEFAULT_BUFFER_BYTES} each way and the default codec.
     *
     * @return the new pipe, owned by this process
     */
    public static Pipe open() {
        return create(2, DEFAULT_BUFFER_BYTES);
    }

    /**
     * A duplex pipe with {@code bufferBytes} (a power of two, 64 B to 1 GiB) each way.
     *
     * @param bufferBytes bytes of buffer each way (a power of two, 64 B to 1 GiB)
     * @return the new pipe, owned by this process
     */
    public static Pipe open(int bufferBytes) {
        return create(2, bufferBytes);
    }

    /**
     * A one-way pipe: {@link #left()} receives what {@link #right()} sends.
     *
     * @return the new pipe, owned by this process
     */
    public static Pipe openOneWay() {
        return create(1, DEFAULT_BUFFER_BYTES);
    }

    /**
     * A one-way pipe with a buffer of {@code bufferBytes} (a power of two, 64 B to 1 GiB).
     *
     * @param bufferBytes bytes of buffer (a power of two, 64 B to 1 GiB)
     * @return the new pipe, owned by this process
     */
    public static Pipe openOneWay(int bufferBytes) {
        return create(1, bufferBytes);
    }

    private static Pipe create(int rings, int bufferBytes) {
        SpscRing.checkDataBytes(bufferBytes);
        int ringBytes = SpscRing.ringBytes(bufferBytes);
        Codec<Object> codec = QueueRegions.defaultCodecForCaller(List.of());
        SharedRegion region = SharedRegion.create(RegionKind.PIPE, VERSION, HEADER_BYTES + (long) rings * ringBytes, r -> {
            r.putInt(RING_COUNT_OFFSET, rings);
            r.putInt(DATA_BYTES_OFFSET, bufferBytes);
            r.putInt(RING0_BASE_OFFSET, HEADER_BYTES);
            r.putInt(RING1_BASE_OFFSET, rings == 2 ? HEADER_BYTES + ringBytes : 0);
            for (int i = 0; i < rings; i++) {
                SpscRing.initialize(r, HEADER_BYTES + i * ringBytes, bufferBytes, SpscRingLayout.maxPayloadBytes(bufferBytes),
                        SpscRingLayout.UNBOUNDED_MESSAGES, RingControlLayout.FLAG_DEATH_CLOSES, 1);
            }
        });
        Pipe pipe = new Pipe(region, codec);
        AttachedObjects.register(region, pipe);
        return pipe;
    }

    /**
     * The left end (for a one-way pipe: the reading end).
     *
     * @return the left end
     */
    public Connection left() {
        return left;
    }

    /**
     * The right end (for a one-way pipe: the writing end).
     *
     * @return the right end
     */
    public Connection right() {
        return right;
    }

    /** Closes both ends in this process and releases the shared memory (the creator removes the file). Harmless twice. */
    @Override
    public void close() {
        left.close();
        right.close();
        AttachedObjects.forget(region);
        region.close();
    }

    /** Live state: each direction's depth and the processes holding its ends. */
    @Override
    public String toString() {
        return "Pipe[" + region.path().getFileName() + (region.isClosed() ? ", closed" : "") + "] " + left.describe() + "; "
                + right.describe();
    }
}
