package org.nativeipc.launchers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The project under {@code launchers/project}, as a new user of native-ipc would have it: copied
 * to a work folder, built by Maven with a local repository of its own into which native-ipc and
 * its parent POM are published (never the shared {@code ~/.m2}, which other builds use). Other
 * artifacts come from the shared local repository, read as a remote one (offline, a file copy),
 * then from Maven Central.
 */
final class OutsideProject {
    /** The versions the outside build needs, as system properties set by this module's POM. */
    private static final List<String> VERSION_PROPERTIES = List.of("native-ipc.version", "junit.version",
            "spring-boot-loader.version", "compiler-plugin.version", "resources-plugin.version", "surefire-plugin.version",
            "jar-plugin.version", "dependency-plugin.version", "shade-plugin.version", "exec-plugin.version");
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(8);

    final Path dir;
    private final Path workDir;
    private final Path settings;

    private OutsideProject(Path workDir) {
        this.workDir = workDir;
        this.dir = workDir.resolve("project");
        this.settings = workDir.resolve("settings.xml");
    }

    /** Copies the project, publishes native-ipc into its private repository and writes its settings. */
    static OutsideProject prepare() throws IOException {
        OutsideProject project = new OutsideProject(Path.of(property("it.workDir")));
        deleteRecursively(project.dir);
        copyRecursively(Path.of(property("it.projectSource")), project.dir);
        Path repository = project.workDir.resolve("m2");
        String version = property("native-ipc.version");
        publish(repository, "native-ipc-parent", version, Path.of(property("it.parentPom")), null);
        publish(repository, "native-ipc", version, Path.of(property("it.libraryPom")), Path.of(property("it.libraryJar")));
        Files.writeString(project.settings, settings(repository, Path.of(property("it.sharedRepository"))));
        return project;
    }

    /** {@code mvn -B} with the private settings and every version, in the project folder. */
    Launch.Result maven(String... goals) {
        List<String> command = new ArrayList<>(List.of(Path.of(property("it.mavenHome"), "bin", "mvn").toString(),
                "-B", "-s", settings.toString()));
        for (String key : VERSION_PROPERTIES) {
            command.add("-D" + key + "=" + property(key));
        }
        command.addAll(List.of(goals));
        return Launch.run(dir, command, BUILD_TIMEOUT);
    }

    private static void publish(Path repository, String artifactId, String version, Path pom, Path jar) throws IOException {
        if (jar != null && !Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build native-ipc's jar first (mvn verify runs this IT after it)");
        }
        Path folder = Files.createDirectories(repository.resolve("org/nativeipc").resolve(artifactId).resolve(version));
        String base = artifactId + "-" + version;
        Files.copy(pom, folder.resolve(base + ".pom"), StandardCopyOption.REPLACE_EXISTING);
        if (jar != null) {
            Files.copy(jar, folder.resolve(base + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String settings(Path repository, Path shared) {
        String cache = """
                <id>shared-cache</id><url>%s</url>
                <releases><enabled>true</enabled></releases><snapshots><enabled>false</enabled></snapshots>
                """.formatted(shared.toUri());
        return """
                <settings>
                  <localRepository>%s</localRepository>
                  <profiles>
                    <profile>
                      <id>shared-cache</id>
                      <repositories><repository>%s</repository></repositories>
                      <pluginRepositories><pluginRepository>%s</pluginRepository></pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>shared-cache</activeProfile></activeProfiles>
                </settings>
                """.formatted(repository, cache, cache);
    }

    static String property(String key) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + key + " is not set: run this IT through Maven"
                    + " (mvn verify), whose failsafe configuration in launchers/pom.xml sets it");
        }
        return value;
    }

    private static void copyRecursively(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
