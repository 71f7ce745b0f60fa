package org.nativeipc.process;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.nativeipc.testing.ChildAssertions.assertExitsOk;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nativeipc.testing.TemporaryProperty;

/** On JDK 25+, children started from jars get an AOT cache once a training JVM has made it. */
class AotCacheTest {
    /** A training JVM boots, then assembles the cache: seconds, more on a loaded machine. */
    private static final Duration TRAINING_TIMEOUT = Duration.ofSeconds(180);
    private static final int EXIT_WITHOUT_CACHE = 3;

    @TempDir
    Path dir;

    /** In the child: exits with 0 if it runs with an AOT cache, else {@link #EXIT_WITHOUT_CACHE}. */
    static void requireAotCache() {
        boolean cached = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(option -> option.startsWith("-XX:AOTCache="));
        if (!cached) {
            System.exit(EXIT_WITHOUT_CACHE);
        }
    }

    @Test
    void aChildStartedFromJarsGetsTheCacheOnceTrained() throws Exception {
        assumeTrue(Runtime.version().feature() >= AotCache.FIRST_FEATURE_RELEASE, "the AOT cache needs JDK 25");
        Path cache = dir.resolve("cache");
        try (TemporaryProperty folder = TemporaryProperty.set(AotCache.PROPERTY, cache.toString())) {
            String classPath = jarClassPath();
            assertExitsOk(new ChildProcess(() -> { }).classPath(classPath).start()); // starts the training
            long deadline = System.nanoTime() + TRAINING_TIMEOUT.toNanos();
            while (cacheFiles(cache).isEmpty()) {
                if (System.nanoTime() > deadline) {
                    fail("no AOT cache appeared in " + cache + " within " + TRAINING_TIMEOUT);
                }
                Thread.sleep(100);
            }
            assertExitsOk(new ChildProcess(AotCacheTest::requireAotCache).classPath(classPath).start());
            try (Stream<Path> files = Files.list(cache)) {
                assertTrue(files.noneMatch(f -> f.toString().endsWith(".partial")), "the partial file was moved");
            }
        }
    }

    private static List<Path> cacheFiles(Path cache) throws IOException {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".aot")).toList();
        }
    }

    /** This JVM's class path with its folders packed into one jar: the AOT cache takes jars only. */
    private String jarClassPath() throws IOException {
        Path jar = dir.resolve("classes.jar");
        List<String> entries = new ArrayList<>();
        entries.add(jar.toString());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            Set<String> written = new HashSet<>();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path path = Path.of(entry);
                if (Files.isDirectory(path)) {
                    pack(path, out, written);
                } else if (entry.endsWith(".jar")) {
                    entries.add(entry);
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void pack(Path folder, JarOutputStream out, Set<String> written) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String name = folder.relativize(file).toString().replace(File.separatorChar, '/');
                if (!written.add(name)) {
                    continue; // the first folder on the class path wins, as for the class loader
                }
                out.putNextEntry(new JarEntry(name));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }
}
