/**
 * Queues and pipes between processes: Python's {@code Queue}, {@code JoinableQueue} and
 * {@code Pipe}, over lock-free rings in shared memory.
 *
 * <ul>
 *   <li>{@link org.nativeipc.queue.SharedQueue} (a {@link java.util.concurrent.BlockingQueue})
 *       and {@link org.nativeipc.queue.JoinableSharedQueue}: elements through a
 *       {@link org.nativeipc.codec.Codec};</li>
 *   <li>{@link org.nativeipc.queue.Pipe} and {@link org.nativeipc.queue.Connection}: two
 *       connected ends, objects or raw bytes;</li>
 *   <li>{@link org.nativeipc.queue.SpscRing} and {@link org.nativeipc.queue.MpmcRing} (both
 *       {@link org.nativeipc.queue.MessageRing}s): the rings underneath, for raw byte messages.</li>
 * </ul>
 *
 * <p>Every ring region starts with a control block ({@link org.nativeipc.queue.RingControlLayout})
 * and has a layout version checked on attach ({@link org.nativeipc.queue.SpscRingLayout},
 * {@link org.nativeipc.queue.MpmcRingLayout}, {@link org.nativeipc.queue.PipeLayout}). Blocking
 * waits spin briefly and then sleep on a futex; the fast paths make no system call. A process
 * killed at any instruction loses at most the message in its hands; see the rings' documentation
 * for how claims of dead processes are found and resolved. A wait on a queue or pipe whose
 * creator closed it (or exited) ends within 20 ms: writers get an
 * {@link java.lang.IllegalStateException}, readers an {@link org.nativeipc.queue.EndOfStreamException};
 * a pipe's reader also gets one when the other end's process dies, a writer when the reader's does.
 */
package org.nativeipc.queue;
