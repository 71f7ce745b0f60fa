package org.nativeipc.internal.liveness;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;

import org.nativeipc.internal.posix.LockableFile;
import org.nativeipc.internal.posix.NativeCallException;

/**
 * This process's liveness record: a file in the shared folder on which this process holds an
 * exclusive {@code flock} for the rest of its life, through a descriptor no child inherits.
 * The kernel releases the lock when the process dies, however it dies, so "the lock can be
 * taken" is proof of death for anyone in any PID namespace that sees the folder.
 *
 * <p>The record is made under a temporary name, locked, then linked to its final name
 * ({@code link(2)} fails rather than replace an existing file), so a record never exists under
 * its final name unlocked while its process lives; only then is the token handed out. The
 * owner never removes its own record (not even at exit: a thread still running could be judged
 * dead); whoever proves it dead does.
 */
final class OwnRecord {
    /** Tries at fresh names before giving up (a clash or a scanner's probe at the wrong moment). */
    private static final int ATTEMPTS = 8;
    private static final String KERNEL_RANDOM = "/dev/urandom";

    private final long token;
    private final Path file;
    private final ProcessRecord record;
    /** Never closed: its lock is this process's life. Kept reachable here. */
    @SuppressWarnings("unused")
    private final LockableFile lock;

    private OwnRecord(long token, Path file, ProcessRecord record, LockableFile lock) {
        this.token = token;
        this.file = file;
        this.record = record;
        this.lock = lock;
    }

    long token() {
        return token;
    }

    Path file() {
        return file;
    }

    ProcessRecord record() {
        return record;
    }

    /**
     * Makes and locks this process's record in {@code folder}.
     *
     * @throws IllegalStateException naming the cause and the fix if no record can be made
     */
    static OwnRecord register(Path folder) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            long token = randomToken();
            if (token == Liveness.NOBODY) {
                continue;
            }
            try {
                OwnRecord made = tryRegister(folder, token);
                if (made != null) {
                    return made;
                }
            } catch (NativeCallException e) {
                last = e;
                if (e.errno() != LockableFile.EEXIST) {
                    break;
                }
            } catch (IOException e) {
                last = new IllegalStateException(e.toString(), e);
                break;
            }
        }
        throw new IllegalStateException("cannot register this process with native-ipc's liveness service in " + folder
                + (last == null ? "" : ": " + last.getMessage())
                + " (every process that uses shared objects keeps one small locked file there: free a file descriptor,"
                + " make the folder writable, or point -D" + org.nativeipc.internal.posix.SharedFolder.PROPERTY
                + " at a writable folder)", last);
    }

    /**
     * 64 random bits from the kernel ({@code /dev/urandom}: a few microseconds, where a first
     * {@link SecureRandom} costs a fresh JVM about 100 ms); {@link SecureRandom} where it cannot be read.
     */
    private static long randomToken() {
        byte[] bytes = new byte[Long.BYTES];
        try (InputStream kernel = new FileInputStream(KERNEL_RANDOM)) {
            if (kernel.readNBytes(bytes, 0, bytes.length) == bytes.length) {
                return ByteBuffer.wrap(bytes).getLong();
            }
        } catch (IOException | SecurityException unreadable) {
            // fall back below
        }
        return new SecureRandom().nextLong();
    }

    /** One attempt at {@code token}; null if the name clashed or the record was disturbed (try another). */
    private static OwnRecord tryRegister(Path folder, long token) throws IOException {
        Path made = folder.resolve(RecordNames.ofNew(token));
        Path file = folder.resolve(RecordNames.of(token));
        ProcessRecord record = ProcessRecord.current();
        LockableFile lock = LockableFile.createNew(made);
        boolean kept = false;
        try {
            if (!lock.tryLockExclusive()) {
                return null; // a scanner is probing the new file this very moment
            }
            lock.write(record.format());
            try {
                Files.createLink(file, made);
            } catch (FileAlreadyExistsException | NoSuchFileException clashOrRemoved) {
                return null; // another process has this token, or a scanner removed the unlocked new file
            }
            kept = true;
            return new OwnRecord(token, file, record, lock);
        } finally {
            deleteQuietly(made);
            if (!kept) {
                lock.close();
            }
        }
    }

    private static void deleteQuietly(Path made) {
        try {
            Files.deleteIfExists(made);
        } catch (IOException leftover) {
            // Locked while this process lives; a scan removes it after.
        }
    }
}
