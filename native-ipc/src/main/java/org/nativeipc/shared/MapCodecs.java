package org.nativeipc.shared;

import java.io.Serializable;

import org.nativeipc.codec.Codec;
import org.nativeipc.codec.Codecs;

/**
 * The codecs of a {@link SharedMap}'s keys and values: what travels with its handle, and what
 * {@code open(name)} is given.
 *
 * @param keys the keys' codec
 * @param values the values' codec
 */
record MapCodecs(Codec<?> keys, Codec<?> values) implements Serializable {
    /** The default codec for both. */
    static MapCodecs defaults() {
        return new MapCodecs(Codecs.defaults(), Codecs.defaults());
    }
}
