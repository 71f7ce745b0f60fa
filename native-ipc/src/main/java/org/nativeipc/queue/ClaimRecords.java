package org.nativeipc.queue;

import static org.nativeipc.queue.MpmcRingLayout.*;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

import org.nativeipc.internal.memory.SharedRegion;

/**
 * The claim records of an MPMC ring (see {@link MpmcRingLayout}): where each thread notes the
 * position it is about to claim, before its CAS on the tail or head, so that a slot claimed by a
 * process that then died can be told from one whose claimant is merely slow. The note is a plain
 * store to a cache line only that thread writes: crash safety costs no extra atomic operation.
 *
 * <p>A thread of this process gets a {@link Hand} on its first claim: a record bound to it for
 * its life (one it had on an earlier object for this ring, one of a thread here that ended, a
 * free one, or one of a dead process), or none if all bound records are taken by live threads.
 * A thread with no bound record, or one already inside a claim of the same kind (a handler that
 * reads the ring it is called from), takes a floating record for that one claim.
 */
final class ClaimRecords {
    /**
     * Records bound here, per ring: record index to its thread. Shared by every object on the
     * ring in this process, so re-attaching a ring does not use up the table.
     */
    private static final RingMemo<ConcurrentHashMap<Integer, WeakReference<Thread>>> BOUND = new RingMemo<>();

    private final SharedRegion region;
    private final int first;
    private final Participants participants;
    private final IntSupplier ownId;
    private final ConcurrentHashMap<Integer, WeakReference<Thread>> boundHere;
    private final ThreadLocal<Hand> hands = new ThreadLocal<>();
    /** The first thread's hand: saves the thread-local lookup while one thread does all the work. */
    private Hand firstHand;

    /**
     * @param first offset of record 0 in the region's payload
     * @param ownId this process's participant id (registers it if needed)
     * @param ringBase offset of the ring in the region (names the ring within this process)
     */
    ClaimRecords(SharedRegion region, int first, Participants participants, IntSupplier ownId, int ringBase) {
        this.region = region;
        this.first = first;
        this.participants = participants;
        this.ownId = ownId;
        this.boundHere = BOUND.computeIfAbsent(region, ringBase, ConcurrentHashMap::new);
    }

    /** Rings with records bound in this process (for tests). */
    static int rememberedRings() {
        return BOUND.size();
    }

    /** The current thread's hand (binding a record to the thread the first time). */
    Hand hand() {
        Hand h = firstHand;
        if (h != null && h.thread == Thread.currentThread()) {
            return h;
        }
        h = hands.get();
        if (h == null) {
            h = new Hand(bind());
            hands.set(h);
        }
        if (firstHand == null) {
            firstHand = h;
        }
        return h;
    }

    /** The current thread's hand if it has one already, else null (binds nothing). */
    Hand boundHand() {
        Hand h = firstHand;
        return h != null && h.thread == Thread.currentThread() ? h : hands.get();
    }

    /**
     * True if a record of a live process names {@code position} among the positions its thread
     * is reading (or writing). A slot whose claim no live record names was claimed by a process
     * that died (see {@link MpmcRingLayout}).
     */
    boolean claimedByLiveProcess(long position, boolean reading) {
        int word = reading ? RECORD_READING_OFFSET : RECORD_WRITING_OFFSET;
        for (int i = 0; i < RECORDS; i++) {
            int at = record(i);
            long owner = region.getLongVolatile(at + RECORD_OWNER_OFFSET);
            if (owner != 0 && names(at + word, position) && !isDeadOwner(owner)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True if a record names {@code position} as a continuation slot of its claim (not the
     * claim's first position): a dead claimant's message is then counted lost once, at its first slot.
     */
    boolean continuesAClaim(long position, boolean reading) {
        int word = reading ? RECORD_READING_OFFSET : RECORD_WRITING_OFFSET;
        for (int i = 0; i < RECORDS; i++) {
            int at = record(i) + word;
            if (names(at, position) && region.getLongVolatile(at) != position) {
                return true;
            }
        }
        return false;
    }

    /** True if the claim noted in the word at {@code word} (and its slot count) covers {@code position}. */
    private boolean names(int word, long position) {
        long first = region.getLongVolatile(word);
        if (first == NO_POSITION || position < first) {
            return false;
        }
        return position - first < Math.max(1, region.getLongVolatile(word + RECORD_COUNT_DELTA));
    }

    private int record(int index) {
        return first + index * RECORD_BYTES;
    }

    private boolean isDeadOwner(long owner) {
        return participants.isDead((int) (owner - 1));
    }

    /** Takes record {@code index} if it is free or its owner died; clears its positions. */
    private boolean tryTake(int index) {
        int at = record(index);
        long current = region.getLongVolatile(at + RECORD_OWNER_OFFSET);
        if ((current == 0 || isDeadOwner(current))
                && region.compareAndSetLong(at + RECORD_OWNER_OFFSET, current, ownId.getAsInt() + 1L)) {
            clear(at);
            return true;
        }
        return false;
    }

    private void clear(int at) {
        region.putLong(at + RECORD_WRITING_OFFSET + RECORD_COUNT_DELTA, 1);
        region.putLong(at + RECORD_READING_OFFSET + RECORD_COUNT_DELTA, 1);
        region.putLong(at + RECORD_WRITING_OFFSET, NO_POSITION);
        region.setLongRelease(at + RECORD_READING_OFFSET, NO_POSITION);
    }

    /** A record for the current thread to keep (offset), or -1 if every bound record is taken by a live thread. */
    private int bind() {
        Thread me = Thread.currentThread();
        for (Map.Entry<Integer, WeakReference<Thread>> e : boundHere.entrySet()) {
            if (e.getValue().get() == me) {
                return record(e.getKey());
            }
        }
        for (Map.Entry<Integer, WeakReference<Thread>> e : boundHere.entrySet()) {
            Thread holder = e.getValue().get();
            if ((holder == null || !holder.isAlive()) && boundHere.replace(e.getKey(), e.getValue(), new WeakReference<>(me))) {
                clear(record(e.getKey()));
                return record(e.getKey());
            }
        }
        for (int i = 0; i < BOUND_RECORDS; i++) {
            if (tryTake(i)) {
                boundHere.put(i, new WeakReference<>(me));
                return record(i);
            }
        }
        return -1;
    }

    /** A floating record for one claim (offset); waits for one if all are in use (each is held for one claim only). */
    private int takeFloating() {
        while (true) {
            for (int i = BOUND_RECORDS; i < RECORDS; i++) {
                if (tryTake(i)) {
                    return record(i);
                }
            }
            Thread.yield();
        }
    }

    /** One thread's access to the records; used by that thread only. */
    final class Hand {
        final Thread thread = Thread.currentThread();
        /** Offset of the record bound to this thread, or -1. */
        private final int bound;
        private boolean writing;
        private boolean reading;
        /**
         * Position of this thread's open zero-copy claim ({@link MpmcRing#tryClaim}), or
         * {@link MpmcRingLayout#NO_POSITION}; its record word ({@link #claimWord}) stays taken,
         * naming the position, until the claim is committed or aborted.
         */
        long claimPosition = NO_POSITION;
        /** The record word of the open zero-copy claim. */
        int claimWord;

        private Hand(int bound) {
            this.bound = bound;
        }

        /** The word to note a claim for reading (or writing) in; hand it back with {@link #release}. */
        int take(boolean read) {
            if (bound >= 0 && !(read ? reading : writing)) {
                if (read) {
                    reading = true;
                } else {
                    writing = true;
                }
                return bound + (read ? RECORD_READING_OFFSET : RECORD_WRITING_OFFSET);
            }
            return takeFloating() + (read ? RECORD_READING_OFFSET : RECORD_WRITING_OFFSET);
        }

        /** Hands back a word from {@link #take}, once its claim is finished. */
        void release(int word, boolean read) {
            int at = word - (read ? RECORD_READING_OFFSET : RECORD_WRITING_OFFSET);
            if (at != bound) {
                region.setLongRelease(at + RECORD_OWNER_OFFSET, 0);
            } else if (read) {
                reading = false;
            } else {
                writing = false;
            }
        }
    }
}
