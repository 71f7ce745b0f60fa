package org.nativeipc.process;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.nativeipc.internal.posix.Posix;
import org.nativeipc.internal.posix.Spawner;

/**
 * JDK 25's ahead-of-time cache for cold child JVMs (JEP 483, made in one step by JEP 514): the
 * classes a child loads and links to boot and read its task, stored once in a file that later
 * children map instead of loading them again (a child's boot took about half as long in a
 * measurement on a loaded 2-core machine).
 *
 * <p>When a child is started on JDK 25 or later with a class path of jar files only (the AOT
 * cache takes no folders; module paths and Spring Boot jars are left alone) and no class-data
 * options of the user's, {@link #apply} looks for the cache of that exact command line (and
 * those jars' sizes and times) in the cache folder. If it is there, the child gets
 * {@code -XX:AOTCache=<file>} in place of {@code -Xshare:auto}; if not, the child starts without,
 * and one training JVM per command and process boots the bootstrap in the background with
 * {@code -XX:AOTCacheOutput}, its output discarded, and moves the file into place when done.
 *
 * <p>The folder is the system property {@value #PROPERTY} ({@code false} turns this off), by
 * default {@code <java.io.tmpdir>/nativeipc-aot-<user>}; it is created private to the user and
 * ignored if someone else owns it or may write to it.
 *
 * <p><b>Housekeeping.</b> At most once an {@linkplain #CLEAN_EVERY hour} per process, a lookup
 * deletes the folder's leftovers: the partial files (and their {@code .config} companions) of
 * trainings older than {@link #STALE_PARTIAL} (a JVM that exits while its training runs leaves
 * them behind) and caches not used for {@link #UNUSED} (a rebuilt jar makes a new cache and
 * leaves the old one). A cache in use gets its modification time renewed once a
 * {@linkplain #RENEW_AFTER day}. The spare-JVM properties ({@value SpareJvm#PROPERTY},
 * {@value SpareJvm#MAX_PROPERTY}) do not change what a child loads, so the cache's key ignores
 * them: one command with spares on and off shares one cache.
 */
final class AotCache {
    /** System property: the cache folder, or {@code false} for no AOT cache. */
    static final String PROPERTY = "nativeipc.child.aotCache";
    /** The first JDK with {@code -XX:AOTCacheOutput}. */
    static final int FIRST_FEATURE_RELEASE = 25;
    private static final String SHARE_AUTO = "-Xshare:auto";
    private static final List<String> CLASS_DATA_OPTIONS = List.of("-Xshare", "-XX:SharedArchiveFile", "-XX:AOT",
            "-XX:+AutoCreateSharedArchive", "-XX:ArchiveClassesAtExit");
    private static final int KEY_BYTES = 12;
    /** A training's partial file this old is a leftover. */
    static final Duration STALE_PARTIAL = Duration.ofHours(1);
    /** A cache not used for this long is deleted. */
    static final Duration UNUSED = Duration.ofDays(7);
    /** A cache in use gets its modification time renewed once it is this old. */
    static final Duration RENEW_AFTER = Duration.ofDays(1);
    /** How often (at most) a process cleans the cache folder. */
    static final Duration CLEAN_EVERY = Duration.ofHours(1);
    private static final String FILE_PREFIX = "child-";
    private static final String CACHE_SUFFIX = ".aot";
    /** Options that do not change what a child loads, left out of the cache's key. */
    private static final List<String> KEY_IGNORED = List.of("-D" + SpareJvm.PROPERTY + "=", "-D" + SpareJvm.MAX_PROPERTY + "=");
    private static final System.Logger LOG = System.getLogger(AotCache.class.getPackageName());
    /** Cache files this process has started training (one training each). */
    private static final Set<Path> TRAINING = ConcurrentHashMap.newKeySet();
    /** When this process last cleaned each folder. */
    private static final ConcurrentHashMap<Path, Instant> CLEANED = new ConcurrentHashMap<>();

    private AotCache() {
    }

    /**
     * {@code command} with the AOT cache if there is one for it; else {@code command} as it is,
     * the cache being trained in the background if it applies.
     */
    static List<String> apply(List<String> command) {
        if (!applies(command)) {
            return command;
        }
        try {
            Path file = cacheFile(command);
            if (file == null) {
                return command;
            }
            Instant now = Instant.now();
            if (CLEANED.merge(file.getParent(), now, (last, next) -> last.plus(CLEAN_EVERY).isAfter(next) ? last : next) == now) {
                clean(file.getParent(), now);
            }
            if (Files.isRegularFile(file)) {
                renewIfOld(file, now);
                return replace(command, "-XX:AOTCache=" + file);
            }
            if (TRAINING.add(file)) {
                train(command, file);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "no AOT cache for child JVMs: " + e);
        }
        return command;
    }

    /** On JDK 25+, not turned off, a class path of jars, and no class-data option but {@code -Xshare:auto}. */
    private static boolean applies(List<String> command) {
        if (Runtime.version().feature() < FIRST_FEATURE_RELEASE || "false".equalsIgnoreCase(System.getProperty(PROPERTY))) {
            return false;
        }
        int cp = command.size() - 3;
        if (cp < 1 || !command.get(cp).equals("-cp")) {
            return false;
        }
        for (String option : command.subList(1, cp)) {
            if (!option.equals(SHARE_AUTO) && CLASS_DATA_OPTIONS.stream().anyMatch(option::startsWith)) {
                return false;
            }
        }
        for (String entry : command.get(cp + 1).split(File.pathSeparator)) {
            if (!entry.endsWith(".jar") || !Files.isRegularFile(Path.of(entry))) {
                return false;
            }
        }
        return command.contains(SHARE_AUTO);
    }

    /** The cache file of {@code command}, in a folder private to this user; null if there is no such folder. */
    private static Path cacheFile(List<String> command) throws IOException {
        String configured = System.getProperty(PROPERTY);
        Path folder = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("java.io.tmpdir"), "nativeipc-aot-" + System.getProperty("user.name"));
        if (!Files.isDirectory(folder)) {
            try {
                Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // checked below
            }
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(folder);
        if (!Files.getOwner(folder).getName().equals(System.getProperty("user.name"))
                || permissions.contains(PosixFilePermission.GROUP_WRITE) || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
            LOG.log(System.Logger.Level.DEBUG, "no AOT cache for child JVMs: " + folder
                    + " is not a folder of this user's that only this user may write to");
            return null;
        }
        return folder.resolve(FILE_PREFIX + key(command) + CACHE_SUFFIX);
    }

    /**
     * A digest of the command (but the spare-JVM properties), the JVM and the jars' sizes and
     * times: a rebuilt jar gets a new cache.
     */
    static String key(List<String> command) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            List<String> kept = command.stream().filter(option -> KEY_IGNORED.stream().noneMatch(option::startsWith)).toList();
            digest.update((String.join("\0", kept) + "\0" + System.getProperty("java.vm.version")).getBytes(StandardCharsets.UTF_8));
            for (String entry : command.get(command.size() - 2).split(File.pathSeparator)) {
                Path jar = Path.of(entry);
                digest.update((Files.size(jar) + ":" + Files.getLastModifiedTime(jar).toMillis() + ";").getBytes(StandardCharsets.UTF_8));
            }
            byte[] hash = digest.digest();
            return HexFormat.of().formatHex(hash, 0, KEY_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /**
     * Deletes from {@code folder} the partial files of trainings older than {@link #STALE_PARTIAL}
     * and the caches not used for {@link #UNUSED} before {@code now}. Only files named as this
     * class names them are looked at.
     */
    static void clean(Path folder, Instant now) {
        int deleted = 0;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                Duration age = Duration.between(Files.getLastModifiedTime(file).toInstant(), now);
                boolean partial = name.contains(CACHE_SUFFIX + ".") && (name.endsWith(".partial") || name.endsWith(".config"));
                boolean cache = name.endsWith(CACHE_SUFFIX);
                if (name.startsWith(FILE_PREFIX) && (partial && age.compareTo(STALE_PARTIAL) > 0
                        || cache && age.compareTo(UNUSED) > 0) && Files.deleteIfExists(file)) {
                    deleted++;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not clean the AOT cache folder " + folder + ": " + e);
        }
        if (deleted > 0) {
            LOG.log(System.Logger.Level.DEBUG, "deleted " + deleted + " unused or stale AOT cache files from " + folder);
        }
    }

    /** Renews the modification time of a cache in use once it is {@link #RENEW_AFTER} old. */
    static void renewIfOld(Path file, Instant now) throws IOException {
        if (Files.getLastModifiedTime(file).toInstant().plus(RENEW_AFTER).isBefore(now)) {
            Files.setLastModifiedTime(file, FileTime.from(now));
        }
    }

    private static List<String> replace(List<String> command, String option) {
        List<String> replaced = new ArrayList<>(command);
        replaced.set(replaced.indexOf(SHARE_AUTO), option);
        return replaced;
    }

    /**
     * Boots the bootstrap once with {@code -XX:AOTCacheOutput}, in the background: with its task
     * descriptor on {@code /dev/null} it loads what a task needs (as a spare does), finds no task
     * and exits, and the JVM writes the cache at exit. Its output is discarded; the file is moved
     * into place only when it is complete.
     */
    private static void train(List<String> command, Path file) {
        Thread trainer = new Thread(() -> {
            Path partial = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".partial");
            try {
                long pid = Spawner.of(replace(command, "-XX:AOTCacheOutput=" + partial))
                        .devNull(0).devNull(1).devNull(2)
                        .devNull(BootstrapProtocol.TASK_FD).devNull(BootstrapProtocol.STATUS_FD).devNull(BootstrapProtocol.STDERR_FD)
                        .spawn();
                int exit = Posix.reap(pid);
                if (exit == 0 && Files.isRegularFile(partial)) {
                    Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    LOG.log(System.Logger.Level.DEBUG, "AOT cache for child JVMs written: " + file);
                } else {
                    LOG.log(System.Logger.Level.DEBUG, "no AOT cache for child JVMs: the training JVM exited with " + exit);
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "no AOT cache for child JVMs: " + e);
            } finally {
                try {
                    Files.deleteIfExists(partial);
                } catch (IOException e) {
                    // a leftover partial file is harmless: no command names it
                }
            }
        }, "nativeipc-aot-trainer");
        trainer.setDaemon(true);
        trainer.start();
    }
}
