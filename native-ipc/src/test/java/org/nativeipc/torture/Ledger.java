package org.nativeipc.torture;

import org.nativeipc.internal.memory.RegionHandle;
import org.nativeipc.internal.memory.RegionKind;
import org.nativeipc.internal.memory.SharedRegion;

/**
 * What every process of a torture run writes down, in one shared region the driver creates:
 * a stop flag, counters per rig, a few words per role slot, and one word per message sequence
 * number of the rigs that carry messages. A killed process's last words stay readable.
 *
 * <pre>
 *  0                       int  stop flag
 *  RIGS_AT   + 8 * (rig * RIG_WORDS + counter)     long rig counters
 *  ROLES_AT  + 8 * (slot * ROLE_WORDS + field)     long role fields
 *  SEQS_AT   + 4 * (carrier * seqsPerCarrier + seq) int  message word: taken count, put/withdrawn/done flags
 * </pre>
 */
final class Ledger {
    static final int MAX_RIGS = 16;
    static final int RIG_WORDS = 8;
    static final int MAX_ROLES = 64;
    static final int ROLE_WORDS = 8;
    static final int MAX_CARRIERS = 4;

    /** Rig counters. */
    static final int OPS = 0;
    static final int VIOLATIONS = 1;
    static final int STATE = 2;
    static final int REPAIRS = 3;

    /** Role fields. */
    static final int NEXT = 0;
    static final int DONE = 1;
    static final int TOKEN = 2;
    static final int INSIDE = 3;

    /** Message word: low 16 bits count takes; these flags mark the rest. */
    static final int TAKEN = 1;
    static final int TAKEN_MASK = 0xFFFF;
    static final int PUT = 1 << 16;
    static final int WITHDRAWN = 1 << 20;
    static final int TASK_DONE = 1 << 24;

    private static final int VERSION = 1;
    private static final int STOP_AT = 0;
    private static final int RIGS_AT = 64;
    private static final int ROLES_AT = RIGS_AT + 8 * MAX_RIGS * RIG_WORDS;
    private static final int SEQS_AT = ROLES_AT + 8 * MAX_ROLES * ROLE_WORDS;

    private final SharedRegion region;
    private final int seqsPerCarrier;

    private Ledger(SharedRegion region) {
        this.region = region;
        this.seqsPerCarrier = (region.payloadSize() - SEQS_AT) / 4 / MAX_CARRIERS;
    }

    static Ledger create(int seqsPerCarrier) {
        return new Ledger(SharedRegion.create(RegionKind.TEST, VERSION, SEQS_AT + 4L * MAX_CARRIERS * seqsPerCarrier, r -> { }));
    }

    static Ledger attach(RegionHandle handle) {
        return new Ledger(handle.attach());
    }

    RegionHandle handle() {
        return region.handle();
    }

    /** The region itself: the lock and condition rigs keep their unguarded state here. */
    SharedRegion region() {
        return region;
    }

    int seqsPerCarrier() {
        return seqsPerCarrier;
    }

    boolean stopped() {
        return region.getIntVolatile(STOP_AT) != 0;
    }

    void stop() {
        region.setIntVolatile(STOP_AT, 1);
    }

    static int rigOffset(int rig, int counter) {
        return RIGS_AT + 8 * (rig * RIG_WORDS + counter);
    }

    long rig(int rig, int counter) {
        return region.getLongVolatile(rigOffset(rig, counter));
    }

    long addRig(int rig, int counter, long delta) {
        return region.getAndAddLong(rigOffset(rig, counter), delta) + delta;
    }

    void setRig(int rig, int counter, long value) {
        region.setLongVolatile(rigOffset(rig, counter), value);
    }

    /** A plain (non-atomic, non-volatile) read: for state a lock guards, where a lost update shows a broken exclusion. */
    long plainRig(int rig, int counter) {
        return region.getLong(rigOffset(rig, counter));
    }

    /** A plain write, see {@link #plainRig}. */
    void setPlainRig(int rig, int counter, long value) {
        region.putLong(rigOffset(rig, counter), value);
    }

    static int roleOffset(int slot, int field) {
        return ROLES_AT + 8 * (slot * ROLE_WORDS + field);
    }

    long role(int slot, int field) {
        return region.getLongVolatile(roleOffset(slot, field));
    }

    void setRole(int slot, int field, long value) {
        region.setLongVolatile(roleOffset(slot, field), value);
    }

    private int seqOffset(int carrier, long seq) {
        if (seq < 0 || seq >= seqsPerCarrier) {
            throw new IllegalArgumentException("sequence " + seq + " outside 0.." + seqsPerCarrier);
        }
        return SEQS_AT + 4 * (int) (carrier * (long) seqsPerCarrier + seq);
    }

    int seq(int carrier, long seq) {
        return region.getIntVolatile(seqOffset(carrier, seq));
    }

    void markSeq(int carrier, long seq, int delta) {
        region.getAndAddInt(seqOffset(carrier, seq), delta);
    }

    void close() {
        region.close();
    }
}
