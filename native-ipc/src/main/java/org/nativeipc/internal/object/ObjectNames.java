package org.nativeipc.internal.object;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

import org.nativeipc.internal.memory.RegionFolder;
import org.nativeipc.internal.posix.SharedFolder;

/**
 * The names of named shared objects, and the wording of every error about them.
 *
 * <p>A name is 1 to {@value #MAX_LENGTH} characters: ASCII letters, digits, {@code '.'},
 * {@code '_'} and {@code '-'}, starting with a letter or a digit (so never {@code ..}, never a
 * path). The object named {@code orders} is the file {@code nipc-name-orders} in the shared
 * folder ({@code /dev/shm} on Linux, or {@code -Dnativeipc.shm.dir}); names are one namespace
 * for every type, per folder.
 */
public final class ObjectNames {
    /** Longest name, in characters. */
    public static final int MAX_LENGTH = 128;

    private ObjectNames() {
    }

    /**
     * Checks {@code name}.
     *
     * @param name the name
     * @return its file's path in the shared folder
     * @throws IllegalArgumentException naming the rule, if the name breaks it
     * @throws NullPointerException if it is null
     */
    public static Path pathOf(String name) {
        Objects.requireNonNull(name, "name: give the name of the shared object, such as \"orders\"");
        if (!isValid(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a valid shared object name: use 1 to " + MAX_LENGTH
                    + " ASCII letters, digits, '.', '_' or '-', starting with a letter or digit (the object becomes the file "
                    + RegionFolder.NAMED_PREFIX + "<name> in " + RegionFolder.folder() + ")");
        }
        return RegionFolder.namedPath(name);
    }

    /** True if {@code name} follows the rule in the class doc. */
    public static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH || !Character.isLetterOrDigit(name.charAt(0))) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-');
            if (!allowed) {
                return false;
            }
        }
        return !name.contains("..");
    }

    /** True if {@code path} is a named object's file. */
    static boolean isNamed(Path path) {
        return RegionFolder.nameOf(path) != null;
    }

    /** "'orders' (in /dev/shm)" for a named object's file, else the path. */
    static String describe(Path path) {
        String name = RegionFolder.nameOf(path);
        return name == null ? "shared region " + path : "'" + name + "' (in " + path.getParent() + ")";
    }

    static IllegalStateException missing(ObjectType<?> type, String name) {
        return new IllegalStateException("no shared object named '" + name + "' in " + RegionFolder.folder() + " (no file "
                + RegionFolder.NAMED_PREFIX + name + " there): create it first with " + type.creationHint(name)
                + ", or use openOrCreate in every process; every process must use the same folder (-D"
                + SharedFolder.PROPERTY + ")");
    }

    static IllegalStateException exists(ObjectType<?> type, String name) {
        return new IllegalStateException("a shared object named '" + name + "' exists already in " + RegionFolder.folder()
                + ": open it with " + type.name() + ".open(\"" + name + "\"), use openOrCreate, or remove it first with "
                + type.name() + ".unlink(\"" + name + "\") (or: nipc rm " + name + ")");
    }

    static IllegalStateException differentArguments(ObjectType<?> type, String name, Map<String, Object> existing,
                                                    Map<String, Object> asked) {
        return new IllegalStateException(type.name() + " '" + name + "' exists with " + format(existing)
                + ", but openOrCreate asked for " + format(asked) + ": give the same arguments in every process, or unlink it"
                + " first (" + type.name() + ".unlink(\"" + name + "\"), or: nipc rm " + name + ")");
    }

    static IllegalStateException otherType(String name, String actualType, ObjectType<?> asked) {
        return new IllegalStateException("'" + name + "' in " + RegionFolder.folder() + " is a " + actualType + ", not a "
                + asked.name() + ": " + actualType + ".unlink(\"" + name + "\") removes it (or: nipc rm " + name + ")");
    }

    private static String format(Map<String, Object> parameters) {
        StringBuilder s = new StringBuilder();
        parameters.forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return s.length() == 0 ? "no arguments" : s.toString();
    }
}
