package org.nativeipc.shared;

import org.nativeipc.internal.memory.RegionHeaderLayout;
import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.internal.sync.RobustMutex;

/**
 * The region of a {@link SharedMap}: a header with the creation arguments, then the stripes. A
 * key's hash picks its stripe; each stripe is a robust lock, a count, a redo record and an
 * open-addressing table (linear probing) of fixed-size slots that only its lock holder changes.
 *
 * <pre>
 *  header (one cache line)
 *  0   int   maxEntries       the most entries the map holds
 *  4   int   stripes          a power of two
 *  8   int   slotsPerStripe
 *  12  int   maxKeyBytes      largest encoded key
 *  16  int   maxValueBytes    largest encoded value
 *  20  int   slotBytes
 *  24  long  stripeBytes
 *  32  ...   reserved to 63
 *
 *  stripe s, at 64 + s * stripeBytes
 *  +0    RobustMutex       64 bytes: the stripe's lock (dead-holder takeover)
 *  +64   long  count       entries in the stripe (written under the lock, read by size())
 *  +72   int   redoState   0: no record; 1: put the image into redoSlot; 2: empty the stripe
 *  +76   int   redoSlot    the slot the record changes
 *  +80   long  redoCount   the stripe's count once the record is applied
 *  +88   int   redoLength  bytes of the image to copy
 *  +92   int   reserved
 *  +96   image             slotBytes: the slot as it must become
 *  then  slots             slotsPerStripe * slotBytes, from a 64-byte boundary
 *
 *  slot
 *  +0    int   state       0 empty, 1 full, 2 deleted (a tombstone: probes go on past it)
 *  +4    int   hash        low 32 bits of the key's hash
 *  +8    int   keyLength
 *  +12   int   valueLength
 *  +16   key bytes (maxKeyBytes), then value bytes (maxValueBytes), padded to 8
 * </pre>
 *
 * <p>Every change is a redo record: the holder writes the slot's new image and the new count,
 * publishes {@code redoState} (release), copies the image into the slot, stores the count and
 * clears {@code redoState}. A holder killed before publishing changed nothing visible; one
 * killed after it leaves a record that the next holder (who took the lock over) applies again
 * before anything else — applying is idempotent — so a slot is always the old or the new
 * mapping and the count always agrees with the slots.
 */
final class MapLayout {
    /** Layout version; bump when the layout changes. */
    static final int VERSION = 1;

    static final int MAX_ENTRIES_OFFSET = 0;
    static final int STRIPES_OFFSET = 4;
    static final int SLOTS_PER_STRIPE_OFFSET = 8;
    static final int MAX_KEY_BYTES_OFFSET = 12;
    static final int MAX_VALUE_BYTES_OFFSET = 16;
    static final int SLOT_BYTES_OFFSET = 20;
    static final int STRIPE_BYTES_OFFSET = 24;
    static final int STRIPES_START = 64;

    static final int MUTEX = 0;
    static final int COUNT = RobustMutex.BYTES;
    static final int REDO_STATE = COUNT + 8;
    static final int REDO_SLOT = COUNT + 12;
    static final int REDO_COUNT = COUNT + 16;
    static final int REDO_LENGTH = COUNT + 24;
    static final int IMAGE = COUNT + 32;

    static final int REDO_NONE = 0;
    static final int REDO_SLOT_IMAGE = 1;
    static final int REDO_CLEAR = 2;

    static final int SLOT_STATE = 0;
    static final int SLOT_HASH = 4;
    static final int SLOT_KEY_LENGTH = 8;
    static final int SLOT_VALUE_LENGTH = 12;
    static final int SLOT_KEY = 16;

    static final int EMPTY = 0;
    static final int FULL = 1;
    static final int DELETED = 2;

    /** Most stripes: enough for the cores of one machine, and few enough that {@code size()} reads few words. */
    static final int MAX_STRIPES = 16;
    /** Entries per stripe that justify another stripe. */
    static final int ENTRIES_PER_STRIPE = 64;
    /** Slots per expected entry of a stripe (load at most 2/3 on average) ... */
    static final double SLOTS_PER_ENTRY = 1.5;
    /** ... plus this many standard deviations of the stripe's binomial share, plus a floor. */
    static final double DEVIATIONS = 4;
    static final int EXTRA_SLOTS = 8;

    private MapLayout() {
    }

    /** Bytes of one slot holding keys and values up to these sizes. */
    static int slotBytes(int maxKeyBytes, int maxValueBytes) {
        return align(SLOT_KEY + maxKeyBytes + maxValueBytes, 8);
    }

    /** The stripes for a map of {@code maxEntries}. */
    static int stripes(int maxEntries) {
        int wanted = Math.max(1, maxEntries / ENTRIES_PER_STRIPE);
        return Math.min(MAX_STRIPES, Integer.highestOneBit(wanted));
    }

    /** Slots per stripe: room for the stripe's share of {@code maxEntries} however the hashes fall, but for a vanishing chance. */
    static int slotsPerStripe(int maxEntries, int stripes) {
        double mean = (double) maxEntries / stripes;
        return (int) Math.ceil(mean * SLOTS_PER_ENTRY + DEVIATIONS * Math.sqrt(mean) + EXTRA_SLOTS);
    }

    /** Offset of the slots within a stripe. */
    static long slotsStart(int slotBytes) {
        return align(IMAGE + slotBytes, 64);
    }

    /** Bytes of one stripe. */
    static long stripeBytes(int slotsPerStripe, int slotBytes) {
        return align(slotsStart(slotBytes) + (long) slotsPerStripe * slotBytes, 64);
    }

    /** Payload bytes of the whole map. */
    static long payloadBytes(int stripes, long stripeBytes) {
        return STRIPES_START + stripes * stripeBytes;
    }

    /** The largest payload one region holds. */
    static long maxPayloadBytes() {
        return SharedRegion.MAX_FILE_BYTES - RegionHeaderLayout.HEADER_BYTES;
    }

    private static int align(int value, int alignment) {
        return (value + alignment - 1) & -alignment;
    }

    private static long align(long value, int alignment) {
        return (value + alignment - 1) & -alignment;
    }
}
