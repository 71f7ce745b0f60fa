package org.nativeipc.internal.posix;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;

import jnr.constants.platform.Errno;
import jnr.constants.platform.OpenFlags;

/**
 * A file opened with {@code open(2)} for {@code flock(2)}: close-on-exec (a child never inherits
 * it, so never shares its lock), never through a symbolic link ({@code O_NOFOLLOW}), and without
 * waiting ({@code O_NONBLOCK}: a FIFO planted under a name native-ipc opens cannot block it).
 *
 * <p>{@code flock} locks belong to the open file description: the kernel releases them when the
 * last descriptor of that description closes, which for a descriptor no child inherited means
 * when this process closes it or dies. Unlike {@code fcntl} record locks (what
 * {@link java.nio.channels.FileChannel#lock} takes), closing some other descriptor of the same
 * file in this process leaves them alone. Locks taken here are seen across PID namespaces
 * that share the folder.
 */
public final class LockableFile implements AutoCloseable {
    /** {@code errno} of a path that does not exist. */
    public static final int ENOENT = Errno.ENOENT.intValue();
    /** {@code errno} of a name that exists already ({@code O_EXCL}). */
    public static final int EEXIST = Errno.EEXIST.intValue();
    private static final int EINTR = Errno.EINTR.intValue();
    private static final int EWOULDBLOCK = Errno.EWOULDBLOCK.intValue();
    private static final int EAGAIN = Errno.EAGAIN.intValue();
    private static final int LOCK_SH = 1;
    private static final int LOCK_EX = 2;
    private static final int LOCK_NB = 4;
    private static final int LOCK_UN = 8;
    private static final int OPEN_ALWAYS = OpenFlags.O_NOFOLLOW.intValue() | OpenFlags.O_CLOEXEC.intValue()
            | OpenFlags.O_NONBLOCK.intValue();
    /** Where the kernel shows this process's open descriptors by number (Linux and macOS). */
    private static final String DESCRIPTOR_FOLDER = "/dev/fd/";

    private final Path path;
    private int fd;

    private LockableFile(Path path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    /**
     * Creates {@code path}, which must not exist yet, with the {@linkplain SharedFolder#fileMode()
     * folder's file mode} (owner only by default; exactly that mode, whatever the umask).
     *
     * @throws NativeCallException carrying errno ({@link #EEXIST} if the name is taken)
     */
    public static LockableFile createNew(Path path) {
        int flags = OpenFlags.O_RDWR.intValue() | OpenFlags.O_CREAT.intValue() | OpenFlags.O_EXCL.intValue() | OPEN_ALWAYS;
        int mode = SharedFolder.fileMode();
        LockableFile file = new LockableFile(path, open(path, flags, mode));
        if (mode != SharedFolder.OWNER_ONLY && Posix.libc().fchmod(file.fd, mode) != 0) {
            int errno = Posix.lastErrno();
            file.close();
            throw new NativeCallException("fchmod(" + path + ", " + Integer.toOctalString(mode) + ")", errno);
        }
        return file;
    }

    /**
     * Opens an existing {@code path} read-only (all {@code flock} needs), or read-write.
     *
     * @throws NativeCallException carrying errno ({@link #ENOENT} if there is no such file;
     *     {@code ELOOP} if it is a symbolic link)
     */
    public static LockableFile open(Path path, boolean writable) {
        int flags = (writable ? OpenFlags.O_RDWR.intValue() : OpenFlags.O_RDONLY.intValue()) | OPEN_ALWAYS;
        return new LockableFile(path, open(path, flags, 0));
    }

    private static int open(Path path, int flags, int mode) {
        while (true) {
            int fd = Posix.libc().open(path.toString(), flags, mode);
            if (fd >= 0) {
                return fd;
            }
            int errno = Posix.lastErrno();
            if (errno != EINTR) {
                throw new NativeCallException("open(" + path + ")", errno);
            }
        }
    }

    /** The path this file was opened at. */
    public Path path() {
        return path;
    }

    /** The descriptor (for {@code /dev/fd/N}); -1 once closed. */
    public int descriptor() {
        return fd;
    }

    /**
     * Takes an exclusive lock without waiting.
     *
     * @return false if another open file description holds a lock on the file
     * @throws NativeCallException for any other failure
     */
    public boolean tryLockExclusive() {
        return lock(LOCK_EX | LOCK_NB, "LOCK_EX|LOCK_NB");
    }

    /**
     * Takes a shared lock without waiting.
     *
     * @return false if another open file description holds an exclusive lock on the file
     * @throws NativeCallException for any other failure
     */
    public boolean tryLockShared() {
        return lock(LOCK_SH | LOCK_NB, "LOCK_SH|LOCK_NB");
    }

    /** Releases this description's lock (closing does too). */
    public void unlock() {
        lock(LOCK_UN, "LOCK_UN");
    }

    private boolean lock(int operation, String name) {
        while (true) {
            if (Posix.libc().flock(checkOpen(), operation) == 0) {
                return true;
            }
            int errno = Posix.lastErrno();
            if (errno == EWOULDBLOCK || errno == EAGAIN) {
                return false;
            }
            if (errno != EINTR) {
                throw new NativeCallException("flock(" + path + ", " + name + ")", errno);
            }
        }
    }

    /**
     * What the descriptor refers to (not what the path names now), following nothing else.
     *
     * @throws IOException if the kernel cannot tell
     */
    public BasicFileAttributes attributes() throws IOException {
        return Files.readAttributes(descriptorPath(), BasicFileAttributes.class);
    }

    /**
     * The inode of the file the descriptor refers to (even once it is unlinked).
     *
     * @throws IOException if the kernel cannot tell
     */
    public long inode() throws IOException {
        return ((Number) Files.getAttribute(descriptorPath(), "unix:ino")).longValue();
    }

    /**
     * True if {@link #path()} still names the very file this descriptor refers to (it was not
     * removed or replaced since it was opened).
     */
    public boolean isStillAtPath() {
        try {
            Object opened = attributes().fileKey();
            return opened != null && opened.equals(Files.readAttributes(path, BasicFileAttributes.class,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS).fileKey());
        } catch (IOException | RuntimeException gone) {
            return false;
        }
    }

    /**
     * A channel on the file this descriptor refers to (for mapping it); closing the channel
     * leaves this descriptor and its lock alone.
     */
    public FileChannel channel(boolean writable) throws IOException {
        return writable ? FileChannel.open(descriptorPath(), StandardOpenOption.READ, StandardOpenOption.WRITE)
                : FileChannel.open(descriptorPath(), StandardOpenOption.READ);
    }

    private Path descriptorPath() {
        return Path.of(DESCRIPTOR_FOLDER + checkOpen());
    }

    /** Reads up to {@code maxBytes} from the current position (fewer at end of file). */
    public byte[] read(int maxBytes) {
        byte[] buffer = new byte[maxBytes];
        int total = 0;
        while (total < maxBytes) {
            byte[] chunk = new byte[maxBytes - total];
            int n = Posix.read(checkOpen(), chunk);
            if (n <= 0) {
                break;
            }
            System.arraycopy(chunk, 0, buffer, total, n);
            total += n;
        }
        return Arrays.copyOf(buffer, total);
    }

    /** Writes {@code text} (UTF-8) at the current position, all of it. */
    public void write(String text) {
        Posix.writeFully(checkOpen(), text.getBytes(StandardCharsets.UTF_8));
    }

    private int checkOpen() {
        if (fd < 0) {
            throw new IllegalStateException(path + " is closed");
        }
        return fd;
    }

    /** Closes the descriptor, releasing its lock. Harmless twice. */
    @Override
    public void close() {
        if (fd >= 0) {
            Posix.close(fd);
            fd = -1;
        }
    }

    @Override
    public String toString() {
        return path + (fd < 0 ? " (closed)" : " (fd " + fd + ")");
    }
}
