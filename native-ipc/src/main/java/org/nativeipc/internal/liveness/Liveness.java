package org.nativeipc.internal.liveness;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.nativeipc.internal.posix.LockableFile;
import org.nativeipc.internal.posix.NativeCallException;
import org.nativeipc.internal.posix.SharedFolder;

/**
 * Whether a process that published itself into shared memory still lives: the one liveness
 * service of native-ipc, used by locks, semaphores, conditions, barriers, rings, pipes and the
 * orphan scan alike.
 *
 * <p>A process is named by a <em>token</em>: a random, non-zero 64-bit number that names its
 * {@linkplain OwnRecord record}, a file in the shared folder on which it holds an exclusive
 * {@code flock} for its whole life. {@link #self()} makes this process's record on first use;
 * shared structures store the token where they used to store a pid. A token is unique across
 * PID namespaces that share the folder, and never reused.
 *
 * <p>{@link #isAlive} is never wrong about the living. A process is dead only on proof: its
 * record can be locked (the kernel released the owner's lock, so the owner died), or its record
 * is gone (only a prover of death ever removes one). Any failure to look — no descriptor left,
 * no permission, an I/O error, anything unexpected — counts as alive, and is looked at again
 * later. Verdicts "dead" are remembered for good, "alive" for {@link #ALIVE_TRUST_NANOS}.
 * Looking costs an {@code open}, a {@code flock} and a {@code close} (microseconds): slow
 * paths only.
 */
public final class Liveness {
    /** The token of nobody (a free lock word, an empty slot). */
    public static final long NOBODY = 0;
    /** How long a verdict "alive" is trusted before the record is looked at again. */
    public static final long ALIVE_TRUST_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** Verdicts and descriptions remembered at most (then forgotten and looked up again). */
    private static final int MAX_REMEMBERED = 4096;
    private static final System.Logger LOG = System.getLogger(Liveness.class.getPackageName());

    private static volatile OwnRecord own;
    private static final Set<Long> DEAD = ConcurrentHashMap.newKeySet();
    private static final Map<Long, Long> ALIVE_UNTIL = new ConcurrentHashMap<>();
    private static final Map<Long, ProcessRecord> RECORDS = new ConcurrentHashMap<>();

    private enum Verdict { ALIVE, DEAD, UNKNOWN }

    private Liveness() {
    }

    /**
     * This process's token, registering the process on first use (binds the C library: call
     * it when a shared object is made or attached, not on a fast path).
     *
     * @throws IllegalStateException naming the cause and the fix if this process cannot
     *     register (no descriptor left, folder not writable); nothing may then publish it
     */
    public static long self() {
        OwnRecord r = own;
        return r != null ? r.token() : register().token();
    }

    private static synchronized OwnRecord register() {
        OwnRecord r = own;
        if (r == null) {
            r = OwnRecord.register(folder());
            RECORDS.put(r.token(), r.record());
            own = r;
        }
        return r;
    }

    /** True if {@code fileName} is the name of a liveness record (finished or being made), never a region's. */
    public static boolean isRecordName(String fileName) {
        return RecordNames.isRecord(fileName);
    }

    /** The folder where the records live (the shared folder). */
    public static Path folder() {
        return SharedFolder.path();
    }

    /**
     * False only if the process {@code token} names has died (proved; see the class comment);
     * true for this process, and true whenever the question cannot be answered now.
     * {@link #NOBODY} is not alive.
     */
    public static boolean isAlive(long token) {
        // Only a verdict "alive" is ever trusted (a proved death leaves ALIVE_UNTIL at once).
        Long trustedUntil = ALIVE_UNTIL.get(token);
        if (trustedUntil != null && trustedUntil - System.nanoTime() > 0) {
            return true;
        }
        return isAliveNow(token);
    }

    /**
     * Like {@link #isAlive(long)}, but looks at the record now even if an earlier "alive" is still
     * trusted: for checks that must not count a process that died a moment ago.
     *
     * @param token the process's token
     * @return false only if the process is proved dead
     */
    public static boolean isAliveNow(long token) {
        if (token == NOBODY) {
            return false;
        }
        OwnRecord mine = own;
        if (mine != null && mine.token() == token) {
            return true;
        }
        if (DEAD.contains(token)) {
            return false;
        }
        long now = System.nanoTime();
        if (probe(token) == Verdict.DEAD) {
            ALIVE_UNTIL.remove(token);
            remember(DEAD, token);
            return false;
        }
        if (ALIVE_UNTIL.size() >= MAX_REMEMBERED) {
            ALIVE_UNTIL.clear();
        }
        ALIVE_UNTIL.put(token, now + ALIVE_TRUST_NANOS);
        return true;
    }

    private static void remember(Set<Long> set, long token) {
        if (set.size() >= MAX_REMEMBERED) {
            set.clear();
        }
        set.add(token);
    }

    /** Looks at the record of {@code token}; removes it if its owner is proved dead. */
    private static Verdict probe(long token) {
        Path file = folder().resolve(RecordNames.of(token));
        LockableFile record;
        try {
            record = LockableFile.open(file, false);
        } catch (NativeCallException e) {
            // No record under a folder that exists: removed by a prover of death.
            return e.errno() == LockableFile.ENOENT && Files.isDirectory(folder()) ? Verdict.DEAD : Verdict.UNKNOWN;
        } catch (RuntimeException | LinkageError e) {
            return Verdict.UNKNOWN; // e.g. a class that cannot be loaded without a free descriptor
        }
        try (record) {
            if (!record.tryLockShared()) {
                return Verdict.ALIVE;
            }
            ProcessRecord.read(file).ifPresent(r -> rememberRecord(token, r));
            delete(file, "the liveness record of a dead process");
            return Verdict.DEAD;
        } catch (RuntimeException | LinkageError cannotTell) {
            return Verdict.UNKNOWN;
        }
    }

    /**
     * Removes the records of dead processes (and half-made records left by processes that died
     * while registering) from the folder. Best effort: skips what it cannot read or delete.
     *
     * @return how many records were removed
     */
    public static int removeDeadRecords() {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder(), RecordNames.PREFIX + "*")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                long token = RecordNames.tokenOf(name);
                OwnRecord mine = own;
                if (token == NOBODY || mine != null && mine.token() == token) {
                    continue;
                }
                boolean removedOne = name.endsWith(RecordNames.NEW_SUFFIX) ? removeIfUnlocked(file)
                        : !DEAD.contains(token) && !isAlive(token);
                if (removedOne) {
                    removed++;
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            LOG.log(System.Logger.Level.DEBUG, "cannot list liveness records in " + folder() + ": " + unreadable);
        }
        if (removed > 0) {
            LOG.log(System.Logger.Level.DEBUG, "removed " + removed + " liveness records of dead processes from " + folder());
        }
        return removed;
    }

    /** Removes a half-made record nobody holds (its maker died, or will retry under another name). */
    private static boolean removeIfUnlocked(Path file) {
        try (LockableFile record = LockableFile.open(file, false)) {
            return record.tryLockShared() && delete(file, "a half-made liveness record");
        } catch (RuntimeException cannotTell) {
            return false;
        }
    }

    private static boolean delete(Path file, String what) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot remove " + what + ", " + file + ": " + e);
            return false;
        }
    }

    // ---- descriptions -----------------------------------------------------------------------------

    /**
     * "pid 1234" (or "pid 1 in another PID namespace (...)") for messages and
     * {@code toString()}; "nobody" for {@link #NOBODY}; for a process whose record is gone, a
     * phrase that says so.
     */
    public static String describe(long token) {
        if (token == NOBODY) {
            return "nobody";
        }
        ProcessRecord record = recordOf(token);
        return record != null ? record.describe() : "an ended process (record " + RecordNames.of(token) + " removed)";
    }

    /** The pid of the process {@code token} names, in its own PID namespace; -1 if no record tells. */
    public static long pidOf(long token) {
        ProcessRecord record = token == NOBODY ? null : recordOf(token);
        return record == null ? -1 : record.pid();
    }

    private static ProcessRecord recordOf(long token) {
        ProcessRecord known = RECORDS.get(token);
        if (known == null) {
            known = ProcessRecord.read(folder().resolve(RecordNames.of(token))).orElse(null);
            if (known != null) {
                rememberRecord(token, known);
            }
        }
        return known;
    }

    private static void rememberRecord(long token, ProcessRecord record) {
        if (RECORDS.size() >= MAX_REMEMBERED) {
            RECORDS.clear();
            OwnRecord mine = own;
            if (mine != null) {
                RECORDS.put(mine.token(), mine.record());
            }
        }
        RECORDS.put(token, record);
    }
}
