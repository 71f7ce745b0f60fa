package org.nativeipc.pool;

import java.util.ArrayList;
import java.util.List;

import org.nativeipc.codec.SerializationAllowList;

/**
 * The messages between a pool and its workers. Each worker has two single-producer rings: the
 * parent writes <em>task</em> messages into one and the worker writes <em>result</em> messages
 * into the other. A ring message holds one or more frames:
 *
 * <pre>
 *  frame := kind:byte  bodyLength:int  body
 *
 *  parent -> worker                                   worker -> parent
 *  CALL            seq:long task                      READY         pid:long
 *  CHUNK           seq:long fid:int count:int value*  RESULT        seq:long value
 *  DEFINE_LAMBDA   sid:int  9 strings (SerializedLambda CHUNK_RESULT  seq:long from:int count:int last:byte value*
 *                  without its captured arguments)    STATS         tasks:int busyNanos:long
 *  DEFINE_FUNCTION fid:int  task                      INIT_FAILED   value (an ERROR)
 *  FORGET_FUNCTION fid:int                            RETIRING      (empty)
 *  SHUTDOWN        (empty)
 *  CANCEL          seq:long                           (skip task seq if not started yet)
 *  ALLOW           version:int count:int string*      (the pool's allow-list from now on: its
 *                                                     patterns, as SerializationAllowList.of takes them)
 *
 *  task := LAMBDA sid:int argc:byte value*            a serializable lambda: its shape, defined once
 *                                                     per worker, and its captured arguments
 *        | OBJECT value                               any other Serializable task
 * </pre>
 *
 * <p>Values are written by {@link PoolValues}; numbers are in native byte order. {@code seq}
 * numbers each task a worker is sent, from 1, in the order it runs them; before running task
 * {@code seq} the worker stores {@code seq} in its slot of the pool's control region
 * ({@link PoolLayout}), so that after its death the parent can tell the task it was running
 * (fails with {@link WorkerDiedException}) from those it had not started (sent to other
 * workers). A worker answers every task in order; a {@code CHUNK}'s results may come in several
 * {@code CHUNK_RESULT} parts (each fits one message), the last one flagged. {@code STATS} ends
 * every result message: how many tasks that message answers and how long they ran, from which
 * the parent sizes how much work it queues at each worker.
 */
final class PoolProtocol {
    /** A corrupt count cannot make the reader allocate more than this before it fails. */
    private static final int MAX_PRESIZED_PATTERNS = 64;
    static final byte CALL = 1;
    static final byte CHUNK = 2;
    static final byte DEFINE_LAMBDA = 3;
    static final byte DEFINE_FUNCTION = 4;
    static final byte FORGET_FUNCTION = 5;
    static final byte SHUTDOWN = 6;
    static final byte CANCEL = 7;
    static final byte ALLOW = 8;

    static final byte READY = 20;
    static final byte RESULT = 21;
    static final byte CHUNK_RESULT = 22;
    static final byte STATS = 23;
    static final byte INIT_FAILED = 24;
    static final byte RETIRING = 25;

    static final byte TASK_LAMBDA = 1;
    static final byte TASK_OBJECT = 2;

    /** Bytes of a frame header: kind and body length. */
    static final int FRAME_HEADER_BYTES = 1 + Integer.BYTES;
    /** Bytes of a {@code CHUNK_RESULT} body before its values. */
    static final int CHUNK_RESULT_HEADER_BYTES = Long.BYTES + 2 * Integer.BYTES + 1;
    /** Bytes of a {@code STATS} frame. */
    static final int STATS_FRAME_BYTES = FRAME_HEADER_BYTES + Integer.BYTES + Long.BYTES;

    private PoolProtocol() {
    }

    /** Writes {@code list} as its patterns: a count, then each (see {@link PoolProtocol}). */
    static void writeAllowList(SerializationAllowList list, FrameBuffer out) {
        out.writeInt(list.patterns().size());
        for (String pattern : list.patterns()) {
            out.writeString(pattern);
        }
    }

    /**
     * Reads a list {@link #writeAllowList} wrote.
     *
     * @throws IllegalArgumentException if a pattern is not one (a corrupt message)
     * @throws PoolProtocolException if the message ends early
     */
    static SerializationAllowList readAllowList(FrameReader in) {
        int count = in.readInt();
        if (count < 0) {
            throw new PoolProtocolException("corrupt pool message: an allow-list of " + count + " patterns");
        }
        List<String> patterns = new ArrayList<>(Math.min(count, MAX_PRESIZED_PATTERNS));
        for (int i = 0; i < count; i++) {
            patterns.add(in.readString());
        }
        return SerializationAllowList.of(patterns);
    }
}
