package org.nativeipc.internal.posix;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folder where native-ipc keeps every file that processes share: the region files and the
 * processes' liveness records. {@code /dev/shm} on Linux (memory-backed), {@code java.io.tmpdir}
 * elsewhere, unless the system property {@value #PROPERTY} names another (children inherit it).
 *
 * <p>The folder is chosen once, at first use, and stays fixed for the life of the JVM: a
 * process's liveness record and the regions it makes must stay where the others look for them.
 * Set the property on the command line, not later.
 */
public final class SharedFolder {
    /** System property that overrides the folder; read once, at first use. */
    public static final String PROPERTY = "nativeipc.shm.dir";
    /** Prefix of every file native-ipc creates in the folder. */
    public static final String FILE_PREFIX = "nipc-";
    /**
     * System property that sets the permissions of the files this process creates in the
     * folder: {@code 600} (the default: owner only) or {@code 660} (owner and group, for
     * services that run as different users of one group). Read whenever a file is created.
     */
    public static final String MODE_PROPERTY = "nativeipc.shm.mode";
    /** Read and write for the owner only. */
    public static final int OWNER_ONLY = 0600;
    /** Read and write for the owner and the file's group. */
    public static final int OWNER_AND_GROUP = 0660;
    private static final Path LINUX_SHARED_MEMORY = Path.of("/dev/shm");

    private SharedFolder() {
    }

    private static final class Chosen {
        static final Path PATH = choose();
    }

    /** The folder, as chosen at first use (absolute and normalized). */
    public static Path path() {
        return Chosen.PATH;
    }

    private static Path choose() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        if (OperatingSystem.current() == OperatingSystem.LINUX && Files.isDirectory(LINUX_SHARED_MEMORY)
                && Files.isWritable(LINUX_SHARED_MEMORY)) {
            return LINUX_SHARED_MEMORY;
        }
        return Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
    }

    /**
     * The permission bits of the files this process creates in the folder ({@link #MODE_PROPERTY}).
     *
     * @throws IllegalArgumentException if the property holds another value
     */
    public static int fileMode() {
        return chooseMode(System.getProperty(MODE_PROPERTY));
    }

    /**
     * The mode a value of {@link #MODE_PROPERTY} asks for.
     *
     * @throws IllegalArgumentException naming the property and the accepted values
     */
    static int chooseMode(String configured) {
        if (configured == null || configured.isBlank()) {
            return OWNER_ONLY;
        }
        switch (configured.strip()) {
            case "600":
            case "0600":
                return OWNER_ONLY;
            case "660":
            case "0660":
                return OWNER_AND_GROUP;
            default:
                throw new IllegalArgumentException("-D" + MODE_PROPERTY + "=" + configured + " is not a mode native-ipc uses:"
                        + " give 600 (owner only, the default) or 660 (owner and group)");
        }
    }

    /**
     * True if {@code name} could name a file native-ipc put in the folder: it starts with
     * {@link #FILE_PREFIX}, and holds no path separator and no {@code ..}. Checked before any
     * name that arrived from elsewhere (a handle in a message) is opened.
     */
    public static boolean isOwnFileName(String name) {
        return name != null && name.startsWith(FILE_PREFIX) && name.indexOf('/') < 0 && name.indexOf('\\') < 0
                && name.indexOf('\0') < 0 && !name.contains("..");
    }
}
