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
     * True if {@code name} could name a file native-ipc put in the folder: it starts with
     * {@link #FILE_PREFIX}, and holds no path separator and no {@code ..}. Checked before any
     * name that arrived from elsewhere (a handle in a message) is opened.
     */
    public static boolean isOwnFileName(String name) {
        return name != null && name.startsWith(FILE_PREFIX) && name.indexOf('/') < 0 && name.indexOf('\\') < 0
                && name.indexOf('\0') < 0 && !name.contains("..");
    }
}
