package org.nativeipc.codec;

/**
 * The codecs this library provides. Pass one to {@code SharedQueue.builder().codec(...)}; the
 * default is {@link #defaults(SerializationAllowList)} (see {@link DefaultCodec} for why).
 */
public final class Codecs {
    private Codecs() {
    }

    /**
     * Raw byte arrays, as they are.
     *
     * @return the codec
     */
    public static Codec<byte[]> bytes() {
        return ByteArrayCodec.INSTANCE;
    }

    /**
     * Strings as UTF-8.
     *
     * @return the codec
     */
    public static Codec<String> utf8() {
        return Utf8Codec.INSTANCE;
    }

    /**
     * Java serialization for every value, writing and reading only what {@code allowList} allows.
     *
     * @param allowList the serializable classes messages may name
     * @param <E> the element type
     * @return the codec
     */
    public static <E> Codec<E> java(SerializationAllowList allowList) {
        return new JavaSerializationCodec<>(allowList);
    }

    /**
     * The {@link DefaultCodec}: records, enums, boxed primitives, strings, arrays of primitives,
     * JDK value types and collections of these written structurally; Java serialization for
     * other serializable classes; classes only if {@code allowList} allows them.
     *
     * @param allowList the record, enum and serializable classes messages may name
     * @param <E> the element type
     * @return the codec
     */
    @SuppressWarnings("unchecked")
    public static <E> Codec<E> defaults(SerializationAllowList allowList) {
        return (Codec<E>) new DefaultCodec(allowList);
    }

    /**
     * {@link #defaults(SerializationAllowList)} with {@link SerializationAllowList#defaults()}.
     *
     * @param <E> the element type
     * @return the codec
     */
    public static <E> Codec<E> defaults() {
        return defaults(SerializationAllowList.defaults());
    }
}
