package org.nativeipc.queue;

import static org.nativeipc.queue.PipeLayout.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nativeipc.codec.Codec;
import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.internal.object.ObjectLife;
import org.nativeipc.internal.object.Recipe;
import org.nativeipc.internal.object.SharedObjects;

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
 * (or the size given); a message up to about half of that goes through it, a larger one (up to
 * 2 GiB) through a file of its own in the shared folder, as for a {@link SharedQueue}. A round trip costs well under a microsecond when the receiver is
 * spinning and a futex wake (microseconds) when it sleeps.
 *
 * <p><b>Lifetime.</b> An anonymous pipe's shared memory lives until the creating process calls
 * {@link #close()} or exits; closing a connection only closes that end, so a child that
 * receives the other end later can still attach it.
 *
 * <p><b>Between two services.</b> A named duplex pipe ({@link #create(String)},
 * {@link #open(String)}, {@link #openOrCreate(String)}, {@link #unlink(String)}; see the package
 * doc) joins two programs started on their own, for requests and responses: by convention the
 * server uses {@link #left()} and its client {@link #right()}. One process at a time holds an
 * end; when a client exits, the server's {@code recv} on the emptied pipe throws
 * {@link EndOfStreamException}, and a new client may then take the right end over. The pipe
 * lives until its name is unlinked.
 */
public final class Pipe implements AutoCloseable {
    /** Buffer per direction by default: 1 MiB (messages up to 512 KiB go through it, larger ones through a side file). */
    public static final int DEFAULT_BUFFER_BYTES = 1 << 20;
    private static final int DUPLEX = 2;
    private static final int ONE_WAY = 1;

    final ObjectLife life;
    final SharedRegion region;
    private final PipeConnection left;
    private final PipeConnection right;

    Pipe(SharedRegion region, Codec<Object> codec) {
        this.life = new ObjectLife(region, QueueTypes.PIPE);
        this.region = region;
        int rings = region.getInt(RING_COUNT_OFFSET);
        int base0 = region.getInt(RING0_BASE_OFFSET);
        int base1 = region.getInt(RING1_BASE_OFFSET);
        if (rings < ONE_WAY || rings > DUPLEX || base0 != HEADER_BYTES || (rings == DUPLEX) != (base1 > base0)) {
            throw new IllegalStateException(region + " does not hold a valid pipe (rings " + rings + " at " + base0 + ", " + base1
                    + "): the file is corrupted; open the pipe again");
        }
        SpscRing towardsLeft = new SpscRing(region, base0, false);
        SpscRing towardsRight = rings == DUPLEX ? new SpscRing(region, base1, false) : null;
        this.left = new PipeConnection(this, true, towardsRight, towardsLeft, codec);
        this.right = new PipeConnection(this, false, towardsLeft, towardsRight, codec);
    }

    /**
     * A duplex pipe with {@link #DEFAULT_BUFFER_BYTES} each way and the default codec.
     *
     * @return the new pipe, owned by this process
     */
    public static Pipe open() {
        return SharedObjects.create(QueueTypes.PIPE, recipe(DUPLEX, DEFAULT_BUFFER_BYTES), defaultCodec());
    }

    /**
     * A duplex pipe with {@code bufferBytes} (a power of two, 64 B to 1 GiB) each way.
     *
     * @param bufferBytes bytes of buffer each way (a power of two, 64 B to 1 GiB)
     * @return the new pipe, owned by this process
     */
    public static Pipe open(int bufferBytes) {
        return SharedObjects.create(QueueTypes.PIPE, recipe(DUPLEX, bufferBytes), defaultCodec());
    }

    /**
     * A one-way pipe: {@link #left()} receives what {@link #right()} sends.
     *
     * @return the new pipe, owned by this process
     */
    public static Pipe openOneWay() {
        return SharedObjects.create(QueueTypes.PIPE, recipe(ONE_WAY, DEFAULT_BUFFER_BYTES), defaultCodec());
    }

    /**
     * A one-way pipe with a buffer of {@code bufferBytes} (a power of two, 64 B to 1 GiB).
     *
     * @param bufferBytes bytes of buffer (a power of two, 64 B to 1 GiB)
     * @return the new pipe, owned by this process
     */
    public static Pipe openOneWay(int bufferBytes) {
        return SharedObjects.create(QueueTypes.PIPE, recipe(ONE_WAY, bufferBytes), defaultCodec());
    }

    /**
     * Creates a duplex pipe named {@code name}, with {@link #DEFAULT_BUFFER_BYTES} each way, for
     * another process to {@linkplain #open(String) open} until the name is
     * {@linkplain #unlink(String) unlinked} (see the package doc).
     *
     * @param name the name (see the package doc)
     * @return the new pipe
     * @throws IllegalStateException if the name exists already
     * @throws IllegalArgumentException if the name is not valid
     */
    public static Pipe create(String name) {
        return create(name, DEFAULT_BUFFER_BYTES);
    }

    /**
     * As {@link #create(String)}, with {@code bufferBytes} each way.
     *
     * @param name the name (see the package doc)
     * @param bufferBytes bytes of buffer each way (a power of two, 64 B to 1 GiB)
     * @return the new pipe
     * @throws IllegalStateException if the name exists already
     * @throws IllegalArgumentException if the name or the size is not valid
     */
    public static Pipe create(String name, int bufferBytes) {
        return SharedObjects.create(QueueTypes.PIPE, name, recipe(DUPLEX, bufferBytes), defaultCodec());
    }

    /**
     * Attaches to the pipe named {@code name} (in one process, always the same object), with the
     * default codec. Not to be confused with {@link #open()}, which makes a new anonymous pipe
     * (Python's {@code Pipe()}).
     *
     * @param name the name
     * @return this process's pipe of that name
     * @throws IllegalStateException if there is no such name (the message says where it looked
     *     and how to create it), or it holds another type of object or layout version
     * @throws IllegalArgumentException if the name is not valid
     */
    public static Pipe open(String name) {
        return SharedObjects.open(QueueTypes.PIPE, name, defaultCodec());
    }

    /**
     * Attaches to the duplex pipe named {@code name}, creating it with
     * {@link #DEFAULT_BUFFER_BYTES} each way if there is none (of processes racing here, exactly
     * one creates it).
     *
     * @param name the name
     * @return this process's pipe of that name
     * @throws IllegalStateException if it exists with another buffer size or direction, or the
     *     name holds another type of object
     * @throws IllegalArgumentException if the name is not valid
     */
    public static Pipe openOrCreate(String name) {
        return openOrCreate(name, DEFAULT_BUFFER_BYTES);
    }

    /**
     * As {@link #openOrCreate(String)}, with {@code bufferBytes} each way.
     *
     * @param name the name
     * @param bufferBytes bytes of buffer each way (a power of two, 64 B to 1 GiB)
     * @return this process's pipe of that name
     * @throws IllegalStateException if it exists with another buffer size or direction, or the
     *     name holds another type of object
     * @throws IllegalArgumentException if the name or the size is not valid
     */
    public static Pipe openOrCreate(String name, int bufferBytes) {
        return SharedObjects.openOrCreate(QueueTypes.PIPE, name, recipe(DUPLEX, bufferBytes), defaultCodec());
    }

    /**
     * Removes the name {@code name}: processes that have the pipe keep using it, and its memory
     * goes when the last of them closes it or exits.
     *
     * @param name the name
     * @return true if it was removed, false if there was no such name
     * @throws IllegalStateException if the name holds another type of object (nothing is removed)
     * @throws IllegalArgumentException if the name is not valid
     */
    public static boolean unlink(String name) {
        return SharedObjects.unlink(QueueTypes.PIPE, name);
    }

    private static Recipe recipe(int rings, int bufferBytes) {
        SpscRing.checkDataBytes(bufferBytes);
        return QueueTypes.pipeRecipe(rings, bufferBytes);
    }

    private static Codec<Object> defaultCodec() {
        return QueueRegions.defaultCodecForCaller(List.of());
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

    /** The end a handle names; this process then holds it (its peer sees it close or die). */
    PipeConnection end(PipeConnection.End end) {
        PipeConnection connection = end.left() ? left : right;
        connection.holdHere();
        return connection;
    }

    /**
     * Closes both ends in this process and releases the shared memory (the creator of an
     * anonymous pipe removes the file; a named pipe stays until unlinked). Harmless twice.
     */
    @Override
    public void close() {
        life.close(() -> {
            left.close();
            right.close();
        });
    }

    /** Live state for {@code nipc inspect}: each direction's messages and processes. */
    Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        left.describeInto(state);
        right.describeInto(state);
        return state;
    }

    /** Live state: each direction's depth and the processes holding its ends. */
    @Override
    public String toString() {
        return life.describe() + "] " + left.describe() + "; " + right.describe();
    }
}
