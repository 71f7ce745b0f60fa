package org.nativeipc.internal.memory;

import java.nio.file.Path;

/**
 * What an attacher expects a region to hold, checked by {@link SharedRegion#attach} once the
 * header is known to be sound (magic, format, checksum): a kind and layout version, or, for a
 * shared object, its type and one of its layouts.
 */
@FunctionalInterface
public interface RegionExpectation {

    /**
     * Checks the header of the region at {@code path}.
     *
     * @param path the region file
     * @param header its header
     * @throws IllegalStateException naming what the region holds, what was expected and the fix
     */
    void check(Path path, RegionHeader header);

    /** A region of exactly {@code kind} and {@code layoutVersion}. */
    static RegionExpectation of(RegionKind kind, int layoutVersion) {
        return (path, header) -> {
            if (header.kind() != kind) {
                throw new IllegalStateException("shared region " + path + " holds a " + header.displayType()
                        + (header.typeName().isEmpty() ? "" : " (" + header.kind() + ")") + ", not a " + kind
                        + ": the handle or path names another object");
            }
            checkVersion(path, header, layoutVersion);
        };
    }

    /**
     * Throws if the region's layout version is not {@code expected}, naming both versions.
     *
     * @param path the region file
     * @param header its header
     * @param expected the version this code reads
     */
    static void checkVersion(Path path, RegionHeader header, int expected) {
        int version = header.layoutVersion();
        if (version != expected) {
            throw new IllegalStateException("shared region " + path + " is a " + header.displayType() + " of layout version "
                    + version + ", this native-ipc uses version " + expected
                    + (version > expected ? " (it was made by a newer native-ipc)" : " (it was made by an older native-ipc)")
                    + ": run the same native-ipc version in every process");
        }
    }
}
