package org.nativeipc.internal.memory;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What a region holds, as its header records it: the kind of structure, the version of that
 * structure's layout, and the public type of the object built on it ("SharedQueue"; empty for
 * regions that are not a public shared object, such as a test's scratch region).
 *
 * @param kind the structure
 * @param layoutVersion the version of the structure's {@code *Layout}
 * @param typeName the public type's simple name, ASCII, at most
 *     {@link RegionHeaderLayout#TYPE_NAME_BYTES} characters; empty for none
 */
public record RegionFormat(RegionKind kind, int layoutVersion, String typeName) {
    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException if the type name is not short ASCII
     */
    public RegionFormat {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(typeName, "typeName");
        if (typeName.length() > RegionHeaderLayout.TYPE_NAME_BYTES
                || !StandardCharsets.US_ASCII.newEncoder().canEncode(typeName) || typeName.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("type name '" + typeName + "' must be ASCII of at most "
                    + RegionHeaderLayout.TYPE_NAME_BYTES + " characters");
        }
    }

    /** A region of {@code kind} that holds no public shared object. */
    public static RegionFormat of(RegionKind kind, int layoutVersion) {
        return new RegionFormat(kind, layoutVersion, "");
    }

    /** The type name, or the kind when the region holds no public object: for messages. */
    public String displayType() {
        return typeName.isEmpty() ? kind.toString() : typeName;
    }
}
