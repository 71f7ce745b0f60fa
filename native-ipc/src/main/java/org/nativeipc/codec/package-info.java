/**
 * How values become message bytes and back: {@link org.nativeipc.codec.Codec} and the codecs
 * the library ships — the {@link org.nativeipc.codec.DefaultCodec} (records, enums, JDK values
 * and collections written structurally, with a shape check for versions), raw bytes, UTF-8
 * strings, and Java serialization — all behind a {@link org.nativeipc.codec.SerializationAllowList}
 * where they create classes. The counterpart of Python's {@code multiprocessing.reduction}.
 */
package org.nativeipc.codec;
