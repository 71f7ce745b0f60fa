package org.nativeipc.codec;

/**
 * The record and enum types one {@link DefaultCodec} has accepted, by shape fingerprint: each
 * checked once against the codec's allow-list (with every type its shape names), then found by
 * one table lookup per message, when writing and when reading. A fingerprint not in the table is
 * resolved from the shape text in the message: the class it names must be on the allow-list,
 * exist here, and have the same shape here; else the message is refused, naming the difference.
 */
final class KnownTypes {
    private final SerializationAllowList allowList;
    private final JavaSerializationCodec<Object> serialization;
    private volatile FingerprintTable accepted = FingerprintTable.EMPTY;

    KnownTypes(SerializationAllowList allowList) {
        this.allowList = allowList;
        this.serialization = new JavaSerializationCodec<>(allowList);
    }

    SerializationAllowList allowList() {
        return allowList;
    }

    /** The Java-serialization fallback, behind the same allow-list. */
    JavaSerializationCodec<Object> serialization() {
        return serialization;
    }

    /**
     * The schema to write a record or enum of {@code type} with.
     *
     * @throws IllegalArgumentException if a type of its shape is not on the allow-list (the
     *     consumers would refuse it), or the record is not accessible
     */
    TypeSchema forEncoding(Class<?> type) {
        TypeSchema schema = Schemas.of(type);
        if (accepted.get(schema.fingerprint()) != schema) {
            for (Class<?> t : schema.shapeTypes()) {
                if (!allowList.allows(t)) {
                    throw new IllegalArgumentException("cannot send a " + type.getName() + ": consumers would refuse it, "
                            + allowList.refusalOf(t.getName()));
                }
            }
            accept(schema);
        }
        return schema;
    }

    /**
     * The schema of the type a message defines with {@code fingerprint} and the shape text of
     * {@code length} bytes at {@code at}.
     *
     * @throws CodecException if it may not or cannot be decoded here
     */
    TypeSchema forDecoding(long fingerprint, ValueReader in, int at, int length) {
        TypeSchema known = accepted.get(fingerprint);
        return known != null ? known : resolve(fingerprint, in.text(at, length), in);
    }

    private TypeSchema resolve(long fingerprint, String shape, ValueReader in) {
        String name = ShapeDiff.rootName(shape);
        if (name == null) {
            throw in.corrupt("a record or enum declaration (found \"" + ShapeDiff.abbreviate(shape) + "\")");
        }
        if (!allowList.allowsName(name)) {
            throw in.refused("it holds a " + name + ", " + allowList.refusalOf(name));
        }
        Class<?> type = load(name, in);
        if (!Schemas.isStructured(type)) {
            throw in.refused("the sender wrote " + name + " as a record or enum, and in this process it is neither");
        }
        TypeSchema local;
        try {
            local = Schemas.of(type);
        } catch (IllegalArgumentException e) {
            throw new CodecException("refused to decode a message holding a " + name + ": " + e.getMessage(), e);
        }
        for (Class<?> t : local.shapeTypes()) {
            if (!allowList.allows(t)) {
                throw in.refused("it holds a " + name + ", which holds a " + t.getName() + ", " + allowList.refusalOf(t.getName()));
            }
        }
        if (local.fingerprint() != fingerprint) {
            throw in.refused(ShapeDiff.describe(name, shape, local.shape()));
        }
        accept(local);
        return local;
    }

    private static Class<?> load(String name, ValueReader in) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        try {
            return Class.forName(name, false, context != null ? context : KnownTypes.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            if (context != null && context != KnownTypes.class.getClassLoader()) {
                try {
                    return Class.forName(name, false, KnownTypes.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError again) {
                    e.addSuppressed(again);
                }
            }
            throw in.refused("it holds a " + name + ", a class this process does not have (" + e + ")");
        }
    }

    private synchronized void accept(TypeSchema schema) {
        accepted = accepted.with(schema);
    }

    @Override
    public String toString() {
        return "types accepted by " + allowList + ": " + accepted;
    }
}
