package org.nativeipc.internal.memory;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a shared object becomes when it is serialized into a child's task: the region's path,
 * kind and layout version — enough to attach to the same memory on the other side and to
 * refuse a file that is not what the sender meant.
 */
public final class RegionHandle implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final RegionKind kind;
    private final int layoutVersion;

    public RegionHandle(Path path, RegionKind kind, int layoutVersion) {
        this.path = path.toString();
        this.kind = Objects.requireNonNull(kind, "kind");
        this.layoutVersion = layoutVersion;
    }

    public Path path() {
        return Path.of(path);
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
        return o instanceof RegionHandle h && h.path.equals(path) && h.kind == kind && h.layoutVersion == layoutVersion;
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }

    @Override
    public String toString() {
        return kind + " v" + layoutVersion + " at " + path;
    }
}
