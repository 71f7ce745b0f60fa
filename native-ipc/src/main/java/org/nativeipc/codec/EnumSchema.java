package org.nativeipc.codec;

import java.util.Arrays;
import java.util.stream.Collectors;

/** An enum class: its shape is its constants' names, in order; a value is written as its ordinal. */
final class EnumSchema extends TypeSchema {
    private final Object[] constants;

    EnumSchema(Class<?> type) {
        super(type, declarationOf(type));
        this.constants = type.getEnumConstants();
    }

    private static String declarationOf(Class<?> type) {
        return type.getName() + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                .collect(Collectors.joining(",", "{", "}"));
    }

    @Override
    void writeBody(Object value, CodecOutput out) {
        out.writeVarint(((Enum<?>) value).ordinal());
    }

    @Override
    Object readBody(ValueReader in) {
        int ordinal = in.varint();
        if (ordinal >= constants.length) {
            throw in.corrupt("constant " + ordinal + " of " + type.getName() + ", which has " + constants.length);
        }
        return constants[ordinal];
    }
}
