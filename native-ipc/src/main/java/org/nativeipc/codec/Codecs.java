package org.nativeipc.codec;

/**
 * The codecs this library provides. Pass one to {@code SharedQueue.builder().codec(...)}; the
 * default is {@link #defaults(SerializationAllowList)} (see {@link DefaultCodec} for why).
 */
public final class Codecs {
    private Codecs() {
    }

    /** Raw byte arrays, as they are. */
    public static Codec<byte[]> bytes() {
        return ByteArrayCodec.INSTANCE;
    }

    /** Strings as UTF-8. */
    public static Codec<String> utf8() {
        return Utf8Codec.INSTANCE;
    }

    /** Java serialization for every value, reading back only what {@code allowList} allows. */
    public static <E> Codec<E> java(SerializationAllowList allowList) {
        return new JavaSerializationCodec<>(allowList);
    }

    /** Fast paths for boxed primitives, String and byte[]; Java serialization behind {@code allowList} otherwise. */
    @SuppressWarnings("unchecked")
    public static <E> Codec<E> defaults(SerializationAllowList allowList) {
        return (Codec<E>) new DefaultCodec(allowList);
    }

    /** {@link #defaults(SerializationAllowList)} with {@link SerializationAllowList#defaults()}. */
    public static <E> Codec<E> defaults() {
        return defaults(SerializationAllowList.defaults());
    }
}
