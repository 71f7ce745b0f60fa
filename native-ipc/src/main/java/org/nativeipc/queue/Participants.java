package org.nativeipc.queue;

import static org.nativeipc.queue.RingControlLayout.*;

import org.nativeipc.internal.liveness.Liveness;
import org.nativeipc.internal.memory.SharedRegion;

/**
 * The table of processes that use a ring (see {@link RingControlLayout}): who they are (their
 * liveness token), what they do (producer, consumer, and whether they closed that side), and
 * whether they still live. Rings mark their claims with a participant id (table index plus
 * generation) so that a claim left behind by a killed process can be recognised as such and
 * resolved, and a blocked consumer can tell that every producer is gone.
 *
 * <p>An entry is taken by a compare-and-set of its token word, from nobody or from a token
 * proved dead, while the entry is {@code FREE} or {@code DEAD}; only the winner then moves the
 * state word to {@code LIVE} with the next generation. So an entry is never without a token that
 * names its taker, even if the taker is killed between the two steps (the next taker finds that
 * token dead and takes the entry over). Liveness comes from {@link Liveness} (dead only on proof,
 * "alive" trusted for {@link Liveness#ALIVE_TRUST_NANOS}). A participant once found dead is
 * marked {@code DEAD} in shared memory for everyone, exactly once.
 */
final class Participants {
    static final int FREE = 0;
    static final int LIVE = 2;
    static final int DEAD = 3;

    static final int PRODUCER = 1;
    static final int PRODUCER_CLOSED = 2;
    static final int CONSUMER = 4;
    static final int CONSUMER_CLOSED = 8;

    static final int INDEX_BITS = 10;
    static final int GENERATION_BITS = 12;
    /** Bits of a participant id: index and generation. */
    static final int ID_BITS = INDEX_BITS + GENERATION_BITS;
    private static final int INDEX_MASK = (1 << INDEX_BITS) - 1;
    private static final int GENERATION_MASK = (1 << GENERATION_BITS) - 1;
    private static final int STATE_BITS = 8;
    private static final int PID_SHIFT = STATE_BITS + GENERATION_BITS;

    /**
     * This process's participant id per ring: a process is one participant,
     * whatever number of objects it opens on a ring over time (a pool worker re-attaching a queue
     * for every task must not use up the table).
     */
    private static final RingMemo<Integer> OWN_IDS = new RingMemo<>();

    private final SharedRegion region;
    private final int ring;
    private final int slots;
    private final long me = Liveness.self();

    Participants(SharedRegion region, int ringBase, int slots) {
        this.region = region;
        this.ring = ringBase;
        this.slots = slots;
    }

    /** Rings whose participant id this process remembers (for tests). */
    static int rememberedRings() {
        return OWN_IDS.size();
    }

    static int indexOf(int id) {
        return id & INDEX_MASK;
    }

    static int generationOf(int id) {
        return (id >>> INDEX_BITS) & GENERATION_MASK;
    }

    /** The state word: the occupant's pid (for messages only), the generation and the state. */
    private static long identity(long pid, int generation, int state) {
        return pid << PID_SHIFT | (long) (generation & GENERATION_MASK) << STATE_BITS | state;
    }

    private static int state(long identity) {
        return (int) identity & ((1 << STATE_BITS) - 1);
    }

    private static int generation(long identity) {
        return (int) (identity >>> STATE_BITS) & GENERATION_MASK;
    }

    private static long pid(long identity) {
        return identity >>> PID_SHIFT;
    }

    private int entry(int index) {
        return ring + PARTICIPANTS_OFFSET + index * PARTICIPANT_BYTES;
    }

    /**
     * Takes a table entry for this process and returns its participant id. Entries of dead
     * processes are reused; a full table of live processes is an error.
     *
     * @throws IllegalStateException if every entry belongs to a live process
     */
    int register() {
        Integer known = OWN_IDS.get(region, ring);
        if (known != null && isMine(known)) {
            return known;
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            for (int i = 0; i < slots; i++) {
                int id = tryTake(i);
                if (id >= 0) {
                    OWN_IDS.put(region, ring, id);
                    return id;
                }
            }
            sweep();
        }
        throw new IllegalStateException(slots + " live processes already use this ring, the most it records:"
                + " close it in processes that are done with it, or use fewer processes per queue");
    }

    /** True if {@code id} is a live entry of this very process. */
    private boolean isMine(int id) {
        int at = entry(indexOf(id));
        long identity = region.getLongVolatile(at + PARTICIPANT_IDENTITY);
        return state(identity) == LIVE && generation(identity) == generationOf(id)
                && region.getLongVolatile(at + PARTICIPANT_TOKEN) == me;
    }

    /**
     * Takes entry {@code index} if it is free or its occupant died: first its token word (from
     * nobody or a dead token), then, as the only writer now, its state word.
     */
    private int tryTake(int index) {
        int at = entry(index);
        long current = region.getLongVolatile(at + PARTICIPANT_IDENTITY);
        int state = state(current);
        if (state != FREE && state != DEAD) {
            return -1;
        }
        long holder = region.getLongVolatile(at + PARTICIPANT_TOKEN);
        if (holder != Liveness.NOBODY && (holder == me || Liveness.isAlive(holder))) {
            return -1; // being taken by a live process right now
        }
        if (!region.compareAndSetLong(at + PARTICIPANT_TOKEN, holder, me)) {
            return -1;
        }
        // The state word cannot have moved: only the token word's winner changes a FREE or DEAD entry.
        current = region.getLongVolatile(at + PARTICIPANT_IDENTITY);
        int generation = (generation(current) + 1) & GENERATION_MASK;
        region.putInt(at + PARTICIPANT_ROLES, 0);
        region.setLongRelease(at + PARTICIPANT_IDENTITY, identity(ProcessHandle.current().pid(), generation, LIVE));
        return generation << INDEX_BITS | index;
    }

    /** Marks the entries of processes that died as DEAD (so they can be reused). */
    void sweep() {
        for (int i = 0; i < slots; i++) {
            long identity = region.getLongVolatile(entry(i) + PARTICIPANT_IDENTITY);
            if (state(identity) == LIVE) {
                isAlive(i, identity);
            }
        }
    }

    /**
     * True if the participant {@code id} has ended: its entry was taken over, marked dead, or
     * its process no longer runs (then it is marked dead here).
     */
    boolean isDead(int id) {
        int index = indexOf(id);
        long identity = region.getLongVolatile(entry(index) + PARTICIPANT_IDENTITY);
        if (state(identity) != LIVE || generation(identity) != generationOf(id)) {
            return true;
        }
        return !isAlive(index, identity);
    }

    /** Whether the LIVE occupant {@code identity} of entry {@code index} still runs; marks it DEAD if not. */
    private boolean isAlive(int index, long identity) {
        int at = entry(index);
        long token = region.getLongVolatile(at + PARTICIPANT_TOKEN);
        if (region.getLongVolatile(at + PARTICIPANT_IDENTITY) != identity) {
            return false;
        }
        if (token == me) {
            return true;
        }
        boolean alive = Liveness.isAlive(token);
        if (!alive) {
            markDead(index, identity);
        }
        return alive;
    }

    private void markDead(int index, long identity) {
        int at = entry(index);
        if (region.compareAndSetLong(at + PARTICIPANT_IDENTITY, identity, identity - LIVE + DEAD)) {
            int roles = region.getIntVolatile(at + PARTICIPANT_ROLES);
            if ((roles & PRODUCER) != 0) {
                region.getAndAddLong(ring + PRODUCER_EPOCH_OFFSET, 1);
            }
            if ((roles & CONSUMER) != 0) {
                region.getAndAddLong(ring + CONSUMER_EPOCH_OFFSET, 1);
            }
        }
    }

    // ---- roles ------------------------------------------------------------------------------------

    /** Records that participant {@code id} now produces (counted before the role is visible; reopens a closed side). */
    void startProducing(int id) {
        region.getAndAddLong(ring + PRODUCERS_STARTED_OFFSET, 1);
        changeRoles(id, PRODUCER, PRODUCER_CLOSED, PRODUCER_EPOCH_OFFSET);
    }

    /** Records that participant {@code id} now consumes (reopens a closed side). */
    void startConsuming(int id) {
        region.getAndAddLong(ring + CONSUMERS_STARTED_OFFSET, 1);
        changeRoles(id, CONSUMER, CONSUMER_CLOSED, CONSUMER_EPOCH_OFFSET);
    }

    void closeProducing(int id) {
        region.getAndAddLong(ring + PRODUCERS_CLOSED_OFFSET, 1);
        changeRoles(id, PRODUCER_CLOSED, 0, PRODUCER_EPOCH_OFFSET);
    }

    void closeConsuming(int id) {
        changeRoles(id, CONSUMER_CLOSED, 0, CONSUMER_EPOCH_OFFSET);
    }

    /** Sets {@code set} and clears {@code clear} in the roles of {@code id}, then bumps the epoch others watch. */
    private void changeRoles(int id, int set, int clear, int epochOffset) {
        int at = entry(indexOf(id)) + PARTICIPANT_ROLES;
        int old;
        do {
            old = region.getIntVolatile(at);
        } while (!region.compareAndSetInt(at, old, (old | set) & ~clear));
        region.getAndAddLong(ring + epochOffset, 1);
    }

    /** True if participant {@code id} has closed the side {@code closedRole} names. */
    boolean hasClosed(int id, int closedRole) {
        int index = indexOf(id);
        long identity = region.getLongVolatile(entry(index) + PARTICIPANT_IDENTITY);
        return generation(identity) == generationOf(id)
                && (region.getIntVolatile(entry(index) + PARTICIPANT_ROLES) & closedRole) != 0;
    }

    long producerEpoch() {
        return region.getLongVolatile(ring + PRODUCER_EPOCH_OFFSET);
    }

    long consumerEpoch() {
        return region.getLongVolatile(ring + CONSUMER_EPOCH_OFFSET);
    }

    /**
     * True when no more messages can come: no producer is open (each has closed its side or
     * died) and at least {@code max(1, expected)} producers have closed their side explicitly
     * (or, with {@code deathCloses}, have started at all: then dying counts as closing).
     */
    boolean producersGone(int expectedProducers, boolean deathCloses) {
        long ended = region.getLongVolatile(ring + (deathCloses ? PRODUCERS_STARTED_OFFSET : PRODUCERS_CLOSED_OFFSET));
        return ended >= Math.max(1, expectedProducers) && openSides(PRODUCER, PRODUCER_CLOSED) == 0;
    }

    /** True when at least one consumer started and every consumer has closed its side or died. */
    boolean consumersGone() {
        return region.getLongVolatile(ring + CONSUMERS_STARTED_OFFSET) >= 1 && openSides(CONSUMER, CONSUMER_CLOSED) == 0;
    }

    /** Live processes that produce and have not closed their side (for live state). */
    int openProducers() {
        return openSides(PRODUCER, PRODUCER_CLOSED);
    }

    /** Live processes that consume and have not closed their side (for live state). */
    int openConsumers() {
        return openSides(CONSUMER, CONSUMER_CLOSED);
    }

    private int openSides(int role, int closedRole) {
        int open = 0;
        for (int i = 0; i < slots; i++) {
            int at = entry(i);
            long identity = region.getLongVolatile(at + PARTICIPANT_IDENTITY);
            if (state(identity) == LIVE && (region.getIntVolatile(at + PARTICIPANT_ROLES) & (role | closedRole)) == role
                    && isAlive(i, identity)) {
                open++;
            }
        }
        return open;
    }

    /** Live state for toString(): the processes and their roles. */
    String describe() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < slots; i++) {
            long identity = region.getLongVolatile(entry(i) + PARTICIPANT_IDENTITY);
            if (state(identity) == LIVE || state(identity) == DEAD) {
                int roles = region.getIntVolatile(entry(i) + PARTICIPANT_ROLES);
                s.append(s.length() == 0 ? "" : ", ").append("pid ").append(pid(identity));
                appendRole(s, roles, PRODUCER, PRODUCER_CLOSED, " producer");
                appendRole(s, roles, CONSUMER, CONSUMER_CLOSED, " consumer");
                if (state(identity) == DEAD) {
                    s.append(" (dead)");
                }
            }
        }
        return s.length() == 0 ? "no processes yet" : s.toString();
    }

    private static void appendRole(StringBuilder s, int roles, int role, int closed, String name) {
        if ((roles & role) != 0) {
            s.append(name).append((roles & closed) != 0 ? " (closed)" : "");
        }
    }

    /** The pid of participant {@code id}, for messages. */
    long pidOf(int id) {
        return pid(region.getLongVolatile(entry(indexOf(id)) + PARTICIPANT_IDENTITY));
    }
}
