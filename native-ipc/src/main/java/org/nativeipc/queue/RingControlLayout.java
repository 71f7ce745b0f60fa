package org.nativeipc.queue;

/**
 * The control block at the start of every ring (at the ring's base offset in its region): the
 * ring's geometry, the producer/consumer bookkeeping that makes close and crash detection
 * work, the futex words of its waiters, and the table of processes using it. The ring's own
 * area ({@link SpscRingLayout}, {@link MpmcRingLayout}) follows at {@link #controlBytes}.
 *
 * <pre>
 *  0       4       8       12      16      20      24      28      32
 *  +-------+-------+-------+-------+-------+-------+-------+-------+
 *  | type  | flags | capa- | max   | area  | slot  | parti-| expec-|    0  geometry: written once by
 *  | SPSC/ |       | city  | msg   | bytes | bytes | cipant| ted   |       the creator, checked on
 *  | MPMC  |       | (msgs)| bytes |       | (MPMC)| slots | prod. |       attach, read-only after
 *  +-------+-------+-------+-------+-------+-------+-------+-------+
 *  | ring bytes (long, control+area) | reserved ...                |   32
 *  +---------------------------------+-----------------------------+
 *  | producers started (long)        | producer epoch (long)       |   64  rare writes: role changes,
 *  | consumer epoch (long)           | lost messages (long)        |   80  recovery
 *  | consumers started (long)        | producers closed (long)     |   96
 *  +---------------------------------+-----------------------------+
 *  | not-empty EventCount (8) | not-full EventCount (8) | all-done EventCount (8) | reserved  |  128
 *  +---------------------------------+-----------------------------+
 *  | unfinished tasks (long)         | taken, not done (long)      |  192  JoinableSharedQueue
 *  +---------------------------------+-----------------------------+
 *  | participant 0 (32 bytes) | participant 1 | ... | participant n-1 |  256
 *  +---------------------------------------------------------------+
 *  | ring area, at controlBytes(n) (a multiple of 128)             |
 * </pre>
 *
 * A participant (one process using the ring) is 32 bytes:
 * <pre>
 *  +0  long state     pid &lt;&lt; 20 | generation &lt;&lt; 8 | state   (pid for messages only)
 *  +8  long token     the process's liveness token: taken by CAS while the state is FREE or DEAD
 *  +16 int  roles      producer, producer-closed, consumer, consumer-closed bits
 *  +20 int  reserved, +24 long reserved
 * </pre>
 * States: {@code FREE → LIVE → DEAD → LIVE ...}, moved to LIVE only by the winner of the token
 * word; the generation grows with every reuse, so a claim made by a dead participant is never
 * mistaken for one of its successor.
 * The waiters' lines (128) are read on every put and take but written only when a thread goes
 * to sleep; the hot counters of the rings live in their own areas, on lines of their own.
 */
final class RingControlLayout {
    /** "SPSC" as an int, in {@link #TYPE_OFFSET}. */
    public static final int TYPE_SPSC = 0x5350_5343;
    /** "MPMC" as an int, in {@link #TYPE_OFFSET}. */
    public static final int TYPE_MPMC = 0x4D50_4D43;
    /** {@link #FLAGS_OFFSET} bit: the ring belongs to a JoinableSharedQueue. */
    public static final int FLAG_JOINABLE = 1;
    /**
     * {@link #FLAGS_OFFSET} bit: a producer that dies counts as closed (a pipe's end). Without it
     * (queues), only explicit closes end the stream: a dead producer may be replaced.
     */
    public static final int FLAG_DEATH_CLOSES = 2;
    /**
     * {@link #FLAGS_OFFSET} bit, single-producer/single-consumer rings of queues only: in each
     * process one thread puts and one takes ({@code SharedQueue.Builder.oneThreadPerSide()}).
     */
    public static final int FLAG_ONE_THREAD_PER_SIDE = 4;
    /**
     * {@link #FLAGS_OFFSET} bit, queues and pipes: an element larger than {@code maxMessageBytes}
     * travels in a side file, and the ring carries a reference to it ({@link SideElements}).
     * Without it (a queue built with an explicit {@code maxMessageBytes}), such an element is refused.
     */
    public static final int FLAG_LARGE_ELEMENTS = 8;

    public static final int TYPE_OFFSET = 0;
    public static final int FLAGS_OFFSET = 4;
    public static final int CAPACITY_OFFSET = 8;
    public static final int MAX_MESSAGE_BYTES_OFFSET = 12;
    public static final int AREA_BYTES_OFFSET = 16;
    public static final int SLOT_BYTES_OFFSET = 20;
    public static final int PARTICIPANT_SLOTS_OFFSET = 24;
    public static final int EXPECTED_PRODUCERS_OFFSET = 28;
    public static final int RING_BYTES_OFFSET = 32;

    public static final int PRODUCERS_STARTED_OFFSET = 64;
    public static final int PRODUCER_EPOCH_OFFSET = 72;
    public static final int CONSUMER_EPOCH_OFFSET = 80;
    public static final int LOST_MESSAGES_OFFSET = 88;
    public static final int CONSUMERS_STARTED_OFFSET = 96;
    /** Producers that closed their side explicitly (not by dying). */
    public static final int PRODUCERS_CLOSED_OFFSET = 104;

    public static final int NOT_EMPTY_OFFSET = 128;
    public static final int NOT_FULL_OFFSET = 136;
    public static final int ALL_DONE_OFFSET = 144;

    public static final int UNFINISHED_TASKS_OFFSET = 192;
    public static final int TAKEN_NOT_DONE_OFFSET = 200;

    public static final int PARTICIPANTS_OFFSET = 256;
    public static final int PARTICIPANT_BYTES = 32;
    public static final int PARTICIPANT_IDENTITY = 0;
    public static final int PARTICIPANT_TOKEN = 8;
    public static final int PARTICIPANT_ROLES = 16;
    /** Most participants a ring can have (the index must fit the 10 index bits of a participant id). */
    public static final int MAX_PARTICIPANT_SLOTS = 1024;

    /** Alignment of the ring area and of its hot counters: two cache lines (adjacent-line prefetch). */
    public static final int LINE_PAIR_BYTES = 128;

    private RingControlLayout() {
    }

    /** Bytes of the control block with {@code participantSlots} participants (a multiple of 128). */
    public static int controlBytes(int participantSlots) {
        return align(PARTICIPANTS_OFFSET + participantSlots * PARTICIPANT_BYTES, LINE_PAIR_BYTES);
    }

    static int align(int value, int alignment) {
        return (value + alignment - 1) & -alignment;
    }
}
