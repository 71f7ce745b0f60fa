/**
 * How values become message bytes and back: {@link org.nativeipc.codec.Codec} and the codecs
 * the library ships (raw bytes, UTF-8 strings, Java serialization behind an allow-list, and the
 * default with fast paths for small values). The counterpart of Python's
 * {@code multiprocessing.reduction}.
 */
package org.nativeipc.codec;
