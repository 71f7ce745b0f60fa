package org.nativeipc.shared;

import static org.nativeipc.internal.memory.SharedRegion.INTS;
import static org.nativeipc.internal.memory.SharedRegion.LONGS;
import static org.nativeipc.shared.MapLayout.*;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.internal.sync.RobustMutex;

/**
 * The off-heap table of a {@link SharedMap}, on encoded keys and values: stripes, their robust
 * locks, probing, and every change through the stripe's redo record ({@link MapLayout}). Apart
 * from {@link #lock}, {@link #size} and {@link #count}, every method is called by the holder of
 * the stripe's lock. Not thread-safe otherwise; knows nothing of codecs.
 */
final class MapTable {
    private static final System.Logger LOG = System.getLogger(MapTable.class.getPackageName());
    private static final VarHandle ARRAY_LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    /** {@link #find} result: the key is absent and its stripe has no free slot. */
    static final int NO_ROOM = Integer.MIN_VALUE;

    private final ByteBuffer memory;
    /** A second view of the same memory: the source of image copies (a buffer cannot bulk-copy from itself). */
    private final ByteBuffer source;
    private final String owner;
    final int maxEntries;
    final int stripes;
    final int slotsPerStripe;
    final int maxKeyBytes;
    final int maxValueBytes;
    private final int slotBytes;
    private final long stripeBytes;
    private final int slotsStart;
    private final RobustMutex[] mutexes;

    MapTable(SharedRegion region, String owner) {
        this.memory = region.payload();
        this.source = memory.duplicate().order(ByteOrder.nativeOrder());
        this.owner = owner;
        this.maxEntries = region.getInt(MAX_ENTRIES_OFFSET);
        this.stripes = region.getInt(STRIPES_OFFSET);
        this.slotsPerStripe = region.getInt(SLOTS_PER_STRIPE_OFFSET);
        this.maxKeyBytes = region.getInt(MAX_KEY_BYTES_OFFSET);
        this.maxValueBytes = region.getInt(MAX_VALUE_BYTES_OFFSET);
        this.slotBytes = region.getInt(SLOT_BYTES_OFFSET);
        this.stripeBytes = region.getLong(STRIPE_BYTES_OFFSET);
        this.slotsStart = (int) slotsStart(slotBytes);
        boolean sound = stripes > 0 && Integer.bitCount(stripes) == 1 && slotsPerStripe > 0 && maxKeyBytes > 0
                && maxValueBytes > 0 && slotBytes == MapLayout.slotBytes(maxKeyBytes, maxValueBytes)
                && stripeBytes == MapLayout.stripeBytes(slotsPerStripe, slotBytes)
                && payloadBytes(stripes, stripeBytes) <= region.payloadSize();
        if (!sound) {
            throw new IllegalStateException(owner + " is damaged: its header records " + stripes + " stripes of " + slotsPerStripe
                    + " slots of " + slotBytes + " bytes in a payload of " + region.payloadSize()
                    + " bytes: remove it and create it again");
        }
        this.mutexes = new RobustMutex[stripes];
        for (int s = 0; s < stripes; s++) {
            mutexes[s] = new RobustMutex(region, base(s) + MUTEX);
        }
    }

    /** Writes the header and the stripes' locks into a fresh (zeroed) region. */
    static void initialize(SharedRegion region, int maxEntries, int maxKeyBytes, int maxValueBytes) {
        int stripes = stripes(maxEntries);
        int slots = slotsPerStripe(maxEntries, stripes);
        int slotBytes = slotBytes(maxKeyBytes, maxValueBytes);
        long stripeBytes = stripeBytes(slots, slotBytes);
        region.putInt(MAX_ENTRIES_OFFSET, maxEntries);
        region.putInt(STRIPES_OFFSET, stripes);
        region.putInt(SLOTS_PER_STRIPE_OFFSET, slots);
        region.putInt(MAX_KEY_BYTES_OFFSET, maxKeyBytes);
        region.putInt(MAX_VALUE_BYTES_OFFSET, maxValueBytes);
        region.putInt(SLOT_BYTES_OFFSET, slotBytes);
        region.putLong(STRIPE_BYTES_OFFSET, stripeBytes);
        for (int s = 0; s < stripes; s++) {
            RobustMutex.initialize(region, (int) (STRIPES_START + s * stripeBytes) + MUTEX);
        }
    }

    /** Payload bytes a map of these arguments needs. */
    static long requiredPayloadBytes(int maxEntries, int maxKeyBytes, int maxValueBytes) {
        int stripes = stripes(maxEntries);
        return MapLayout.payloadBytes(stripes, stripeBytes(slotsPerStripe(maxEntries, stripes), slotBytes(maxKeyBytes, maxValueBytes)));
    }

    private int base(int stripe) {
        return (int) (STRIPES_START + stripe * stripeBytes);
    }

    private int slotOffset(int stripe, int slot) {
        return base(stripe) + slotsStart + slot * slotBytes;
    }

    // ---- hashing and locking ------------------------------------------------------------------

    /** A 64-bit hash of the first {@code length} bytes of {@code key} (the same in every process). */
    static long hash(byte[] key, int length) {
        long h = 0x9E3779B97F4A7C15L ^ length;
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            h = Long.rotateLeft(h ^ (long) ARRAY_LONGS.get(key, i) * 0xC2B2AE3D27D4EB4FL, 31) * 0x9E3779B97F4A7C15L;
        }
        for (; i < length; i++) {
            h = (h ^ (key[i] & 0xff)) * 0x100000001B3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    /** The stripe of a key with this hash. */
    int stripeOf(long hash) {
        return (int) (hash >>> 32) & (stripes - 1);
    }

    /** Takes the stripe's lock (taking it over from a dead holder), then completes a dead holder's redo record. */
    void lock(int stripe) {
        RobustMutex mutex = mutexes[stripe];
        mutex.lockUninterruptibly();
        int base = base(stripe);
        if ((int) INTS.getAcquire(memory, base + REDO_STATE) != REDO_NONE) {
            LOG.log(System.Logger.Level.WARNING, "{0}: stripe {1} was left mid-update by a dead process; its update was completed",
                    owner, stripe);
            apply(base);
        } else if (mutex.previousOwnerDied()) {
            LOG.log(System.Logger.Level.WARNING, "{0}: stripe {1} was taken over from a dead process, which had changed nothing",
                    owner, stripe);
        }
    }

    void unlock(int stripe) {
        mutexes[stripe].unlock();
    }

    boolean isHeldByCurrentThread(int stripe) {
        return mutexes[stripe].isHeldByCurrentThread();
    }

    /** Times a stripe's lock was taken over from a dead process (all stripes). */
    long takeovers() {
        long sum = 0;
        for (RobustMutex m : mutexes) {
            sum += m.takeovers();
        }
        return sum;
    }

    // ---- reading --------------------------------------------------------------------------------

    /** Entries in the stripe (volatile read). */
    long count(int stripe) {
        return (long) LONGS.getVolatile(memory, base(stripe) + COUNT);
    }

    /** Entries in the map: the sum of the stripes' counts, each read once. */
    long size() {
        long sum = 0;
        for (int s = 0; s < stripes; s++) {
            sum += count(s);
        }
        return sum;
    }

    /**
     * Looks the key up in its stripe.
     *
     * @return the slot holding it; or {@code -(slot + 1)} for the slot an insert would take
     *     (the first tombstone on its path, else the empty slot that ended it); or {@link #NO_ROOM}
     */
    int find(int stripe, long hash, byte[] key, int keyLength) {
        int hash32 = (int) hash;
        int slot = (int) (((hash & 0xffffffffL) * slotsPerStripe) >>> 32);
        int free = -1;
        for (int probes = 0; probes < slotsPerStripe; probes++) {
            int offset = slotOffset(stripe, slot);
            int state = memory.getInt(offset + SLOT_STATE);
            if (state == EMPTY) {
                return -((free >= 0 ? free : slot) + 1);
            }
            if (state == DELETED) {
                if (free < 0) {
                    free = slot;
                }
            } else if (memory.getInt(offset + SLOT_HASH) == hash32 && sameBytes(offset + SLOT_KEY_LENGTH, key, keyLength)) {
                return slot;
            }
            slot = slot + 1 == slotsPerStripe ? 0 : slot + 1;
        }
        return free >= 0 ? -(free + 1) : NO_ROOM;
    }

    /** Whether the length at {@code lengthOffset} is {@code length} and the bytes at {@code SLOT_KEY} are those (for a key). */
    private boolean sameBytes(int lengthOffset, byte[] bytes, int length) {
        if (memory.getInt(lengthOffset) != length) {
            return false;
        }
        int start = lengthOffset - SLOT_KEY_LENGTH + SLOT_KEY;
        return sameContent(start, bytes, length);
    }

    private boolean sameContent(int start, byte[] bytes, int length) {
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            if (memory.getLong(start + i) != (long) ARRAY_LONGS.get(bytes, i)) {
                return false;
            }
        }
        for (; i < length; i++) {
            if (memory.get(start + i) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    /** Offset in {@link #memory()} of the value of the key in {@code slot}. */
    int valueOffset(int stripe, int slot) {
        return slotOffset(stripe, slot) + SLOT_KEY + maxKeyBytes;
    }

    int valueLength(int stripe, int slot) {
        return memory.getInt(slotOffset(stripe, slot) + SLOT_VALUE_LENGTH);
    }

    int keyOffset(int stripe, int slot) {
        return slotOffset(stripe, slot) + SLOT_KEY;
    }

    int keyLength(int stripe, int slot) {
        return memory.getInt(slotOffset(stripe, slot) + SLOT_KEY_LENGTH);
    }

    boolean isFull(int stripe, int slot) {
        return memory.getInt(slotOffset(stripe, slot) + SLOT_STATE) == FULL;
    }

    /** Whether the value in {@code slot} is exactly these bytes. */
    boolean valueEquals(int stripe, int slot, byte[] value, int length) {
        return valueLength(stripe, slot) == length && sameContent(valueOffset(stripe, slot), value, length);
    }

    /** The region's memory, for decoding keys and values in place (under the stripe's lock). */
    ByteBuffer memory() {
        return memory;
    }

    // ---- changing, each through the redo record ------------------------------------------------

    /** Puts key and value into {@code slot}: a new entry if {@code added}, else a new value for the key there. */
    void put(int stripe, int slot, boolean added, long hash, byte[] key, int keyLength, byte[] value, int valueLength) {
        int base = base(stripe);
        int image = base + IMAGE;
        memory.putInt(image + SLOT_STATE, FULL);
        memory.putInt(image + SLOT_HASH, (int) hash);
        memory.putInt(image + SLOT_KEY_LENGTH, keyLength);
        memory.putInt(image + SLOT_VALUE_LENGTH, valueLength);
        memory.put(image + SLOT_KEY, key, 0, keyLength);
        memory.put(image + SLOT_KEY + maxKeyBytes, value, 0, valueLength);
        commit(base, slot, SLOT_KEY + maxKeyBytes + valueLength, count(stripe) + (added ? 1 : 0));
    }

    /** Removes the entry in {@code slot} (it becomes a tombstone). */
    void remove(int stripe, int slot) {
        int base = base(stripe);
        memory.putInt(base + IMAGE + SLOT_STATE, DELETED);
        commit(base, slot, Integer.BYTES, count(stripe) - 1);
    }

    /** Empties the stripe. */
    void clear(int stripe) {
        int base = base(stripe);
        memory.putLong(base + REDO_COUNT, 0);
        INTS.setRelease(memory, base + REDO_STATE, REDO_CLEAR);
        apply(base);
    }

    private void commit(int base, int slot, int length, long newCount) {
        memory.putInt(base + REDO_SLOT, slot);
        memory.putInt(base + REDO_LENGTH, length);
        memory.putLong(base + REDO_COUNT, newCount);
        INTS.setRelease(memory, base + REDO_STATE, REDO_SLOT_IMAGE);
        apply(base);
    }

    /** Applies the stripe's published redo record (again, after a death: idempotent) and clears it. */
    private void apply(int base) {
        int state = (int) INTS.getAcquire(memory, base + REDO_STATE);
        int stripe = (int) ((base - STRIPES_START) / stripeBytes);
        if (state == REDO_SLOT_IMAGE) {
            int slot = memory.getInt(base + REDO_SLOT);
            int length = memory.getInt(base + REDO_LENGTH);
            if (slot < 0 || slot >= slotsPerStripe || length < Integer.BYTES || length > slotBytes) {
                throw new IllegalStateException(owner + " is damaged: stripe " + stripe + " holds a redo record for slot " + slot
                        + " of " + length + " bytes: remove it and create it again");
            }
            memory.put(slotOffset(stripe, slot), source, base + IMAGE, length);
        } else if (state == REDO_CLEAR) {
            for (int slot = 0; slot < slotsPerStripe; slot++) {
                memory.putInt(slotOffset(stripe, slot) + SLOT_STATE, EMPTY);
            }
        }
        LONGS.setRelease(memory, base + COUNT, memory.getLong(base + REDO_COUNT));
        INTS.setRelease(memory, base + REDO_STATE, REDO_NONE);
    }
}
