package org.nativeipc.pool;

import java.util.Arrays;
import java.util.Iterator;

/**
 * One {@code map}, {@code mapAsync}, {@code imap} or {@code imapUnordered} call in progress:
 * the function (sent to each worker once, as {@code DEFINE_FUNCTION} with number {@link #fid})
 * and the chunks of items cut from the input. Subclasses decide what happens to a chunk's
 * results: {@link ListRun} fills one list, {@link StreamRun} hands them to an iterator.
 */
abstract class MapRun {
    final PoolCore core;
    final int fid;
    final TaskEncoder.Encoded function;

    MapRun(PoolCore core, TaskEncoder.Encoded function) {
        this.core = core;
        this.fid = core.nextFunctionId();
        this.function = function;
    }

    /** True once nobody wants more results (the run failed or was cancelled): its chunks are dropped. */
    abstract boolean abandoned();

    /** All results of {@code chunk} arrived; {@code values} may hold {@link PoolValues.Failure}s. Once per chunk. */
    abstract void chunkDone(Work.Chunk chunk, Object[] values);

    /** Hands over {@code chunk}'s results, unless it was already finished (failed, say). */
    final void finish(Work.Chunk chunk, Object[] values) {
        if (chunk.finishOnce()) {
            chunkDone(chunk, values);
        }
    }

    /** {@code chunk} will never run (its worker died in it, or the pool was terminated). */
    final void chunkFailed(Work.Chunk chunk, Throwable error) {
        Object[] values = new Object[chunk.units];
        Arrays.fill(values, new PoolValues.Failure(error));
        finish(chunk, values);
    }

    /**
     * Cuts the input into chunks of at most {@code chunkSize} items, each of at most
     * {@code budgetBytes} when encoded (a chunk ends early rather than overflow a message).
     */
    final class ChunkSource {
        private final Iterator<?> items;
        private final int chunkSize;
        private final int budgetBytes;
        private final FrameBuffer out = new FrameBuffer();
        private byte[] carried;
        private int nextIndex;
        private int nextStart;

        ChunkSource(Iterator<?> items, int chunkSize, int budgetBytes) {
            this.items = items;
            this.chunkSize = chunkSize;
            this.budgetBytes = budgetBytes;
        }

        boolean hasNext() {
            return carried != null || items.hasNext();
        }

        /** Items cut into chunks so far. */
        int produced() {
            return nextStart;
        }

        /**
         * The next chunk (call only if {@link #hasNext()}).
         *
         * @throws IllegalArgumentException if an item cannot be serialized, or alone exceeds the budget
         */
        Work.Chunk next() {
            out.clear();
            out.writeInt(fid);
            int countAt = out.length();
            out.writeInt(0);
            int count = 0;
            PoolValues.Encoder values = core.encoder.encoder();
            if (carried != null) {
                out.writeBytes(carried, 0, carried.length);
                carried = null;
                count++;
            }
            while (count < chunkSize && items.hasNext()) {
                int mark = out.length();
                Object item = items.next();
                try {
                    values.write(item, out);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(Culprits.heldValue(item, "item " + (nextStart + count) + " of the map", e), e);
                }
                if (out.length() > budgetBytes) {
                    int itemBytes = out.length() - mark;
                    if (count == 0 || itemBytes > budgetBytes - 2 * Integer.BYTES) {
                        throw new IllegalArgumentException("item " + (nextStart + count) + " of the map takes " + itemBytes
                                + " bytes, more than a pool message carries (" + budgetBytes + "): send smaller items, or build"
                                + " the pool with maxMessageBytes(...) of at least twice that");
                    }
                    carried = Arrays.copyOfRange(out.array(), mark, out.length());
                    out.rewind(mark);
                    break;
                }
                count++;
            }
            out.putInt(countAt, count);
            Work.Chunk chunk = new Work.Chunk(MapRun.this, nextIndex++, nextStart, count, out.toByteArray());
            nextStart += count;
            return chunk;
        }
    }
}
