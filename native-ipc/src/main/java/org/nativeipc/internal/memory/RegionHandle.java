package org.nativeipc.internal.memory;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;

import org.nativeipc.internal.posix.SharedFolder;

/**
 * What a shared object becomes when it is serialized into a child's task or a message: the
 * region file's <em>name</em>, kind and layout version — enough to attach to the same memory on
 * the other side and to refuse a file that is not what the sender meant.
 *
 * <p>A handle is data, not a path: it carries a file name only, which the receiver resolves in
 * its own {@linkplain SharedFolder shared folder}. A name that is not a native-ipc file name
 * (another prefix, a path separator, {@code ..}) is refused when the handle is deserialized,
 * before anything is opened; attaching then never follows a symbolic link and maps only a
 * regular file of a region's size (see {@link SharedRegion#attach}).
 */
public final class RegionHandle implements Serializable {
    private static final long serialVersionUID = 2L;

    private final String name;
    private final RegionKind kind;
    private final int layoutVersion;

    /** A handle on the region file at {@code path} (which must be in the shared folder). */
    public RegionHandle(Path path, RegionKind kind, int layoutVersion) {
        RegionFolder.checkRegionPath(path);
        this.name = path.getFileName().toString();
        this.kind = Objects.requireNonNull(kind, "kind");
        this.layoutVersion = layoutVersion;
    }

    /**
     * The handle of a region file named {@code name} (in the receiver's shared folder): a handle
     * that travelled as its parts, in a message of the library's own.
     *
     * @param name the file name, as {@link #name()} gave it
     * @param kind what the region holds
     * @param layoutVersion its layout version
     * @return the handle
     * @throws IllegalArgumentException if {@code name} is not a native-ipc region's file name (a
     *     path, another prefix) or {@code kind} is null; nothing is opened
     */
    public static RegionHandle of(String name, RegionKind kind, int layoutVersion) {
        if (!isRegionName(name, kind)) {
            throw new IllegalArgumentException(refusal(name, kind));
        }
        return new RegionHandle(RegionFolder.folder().resolve(name), kind, layoutVersion);
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (!isRegionName(name, kind)) {
            throw new InvalidObjectException(refusal(name, kind));
        }
    }

    private static boolean isRegionName(String name, RegionKind kind) {
        return name != null && SharedFolder.isOwnFileName(name) && kind != null;
    }

    private static String refusal(String name, RegionKind kind) {
        return "a shared-object handle names '" + name + "' (" + kind + "), which is not a native-ipc region: refused."
                + " Handles carry region file names only, never paths";
    }

    /**
     * The region file's name (no folder).
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /** The region file's path in this process's shared folder. */
    public Path path() {
        return RegionFolder.folder().resolve(name);
    }

    public RegionKind kind() {
        return kind;
    }

    public int layoutVersion() {
        return layoutVersion;
    }

    /** Maps the region this handle names, checking its header (see {@link SharedRegion#attach}). */
    public SharedRegion attach() {
        return SharedRegion.attach(path(), kind, layoutVersion);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegionHandle h && h.name.equals(name) && h.kind == kind && h.layoutVersion == layoutVersion;
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return kind + " v" + layoutVersion + " " + name;
    }
}
