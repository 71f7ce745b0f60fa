package org.nativeipc.launchers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * native-ipc as a dependency of a project outside this reactor ({@code launchers/project}),
 * launched each way Java applications are launched: the application's child must boot, run
 * its task (a lock, a queue, a class of the application that only the child uses) and
 * answer, and on JDK 22+ neither the parent (given the documented flag or manifest entry) nor a
 * child prints the native-access warning. The outside build itself runs the Surefire case.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LaunchersIT {
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
    private static final String ANSWER = "app ok: hello from greeter";
    /** JDK 17's java, which runs Maven; and the JDK 25 to check native access with, if present. */
    private static final String JAVA_HOME = "java.home";
    private static final String JDK25_HOME = "it.jdk25";

    private OutsideProject project;
    private Path shmDir;

    @BeforeAll
    void buildTheOutsideProject() throws IOException {
        project = OutsideProject.prepare();
        shmDir = Files.createDirectories(project.dir.resolve("target/shm"));
        Launch.Result build = project.maven("-Dnativeipc.shm.dir=" + shmDir, "package");
        assertEquals(0, build.exitCode(), () -> "the outside project's build (with its Surefire test) failed:\n" + build.describe());
    }

    @Test
    void surefireWithAManifestOnlyClassPathJarAndOnTheModulePath() {
        // `package` above ran the test on the module path (the project has a module-info);
        // this runs it again on the class path, where Surefire's default is a manifest-only jar.
        Launch.Result build = project.maven("-Dnativeipc.shm.dir=" + shmDir, "-Dsurefire.useModulePath=false", "surefire:test");
        assertEquals(0, build.exitCode(), () -> "Surefire on the class path:\n" + build.describe());
        assertTrue(build.stdout().contains("Tests run: 1, Failures: 0, Errors: 0"), build::describe);
    }

    @Test
    void mvnExecJava() {
        Launch.Result run = project.maven("-q", "-Dnativeipc.shm.dir=" + shmDir,
                "org.codehaus.mojo:exec-maven-plugin:" + OutsideProject.property("exec-plugin.version") + ":java");
        assertAnswered(run, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {JAVA_HOME, JDK25_HOME})
    void plainClassPath(String jdk) {
        assertAnswered(java(jdk, "--enable-native-access=ALL-UNNAMED", "-cp",
                target("classes") + File.pathSeparator + target("lib") + File.separator + "*", "app.Main"), true);
    }

    @ParameterizedTest
    @ValueSource(strings = {JAVA_HOME, JDK25_HOME})
    void javaDashJarOfAShadedJar(String jdk) {
        assertAnswered(java(jdk, "-jar", target("app-shaded.jar")), true);
    }

    @ParameterizedTest
    @ValueSource(strings = {JAVA_HOME, JDK25_HOME})
    void modulePath(String jdk) {
        Launch.Result run = java(jdk, "--enable-native-access=org.jnrproject.jffi",
                "--module-path", target("classes") + File.pathSeparator + target("lib"), "-m", "app/app.Main");
        assertAnswered(run, true);
        assertTrue(run.stdout().contains("(module app)"), () -> "the application ran as a module:\n" + run.describe());
    }

    @ParameterizedTest
    @ValueSource(strings = {JAVA_HOME, JDK25_HOME})
    void springBootExecutableJar(String jdk) throws IOException {
        Path jar = project.dir.resolve("target/app-boot.jar");
        if (!Files.exists(jar)) {
            List<Path> libraries;
            try (Stream<Path> lib = Files.list(project.dir.resolve("target/lib"))) {
                libraries = lib.sorted().toList();
            }
            Path loader;
            try (Stream<Path> loaders = Files.list(project.dir.resolve("target/boot-loader"))) {
                loader = loaders.findFirst().orElseThrow(() -> new IllegalStateException("no Spring Boot loader jar was copied"));
            }
            BootJar.write(jar, loader, project.dir.resolve("target/classes"), libraries, "app.Main");
        }
        assertAnswered(java(jdk, "-jar", jar.toString()), true);
    }

    private Launch.Result java(String jdkProperty, String... arguments) {
        String home = System.getProperty(jdkProperty, "");
        Path java = Path.of(home, "bin", "java");
        assumeTrue(!home.isBlank() && Files.isExecutable(java), () -> "no JDK at " + jdkProperty + "=" + home);
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Dnativeipc.shm.dir=" + shmDir));
        command.addAll(List.of(arguments));
        return Launch.run(project.dir, command, RUN_TIMEOUT);
    }

    private String target(String name) {
        return project.dir.resolve("target").resolve(name).toString();
    }

    /** Exit 0 with the child's answer; with {@code quietStderr}, nothing at all on stderr (no warning). */
    private static void assertAnswered(Launch.Result run, boolean quietStderr) {
        assertEquals(0, run.exitCode(), run::describe);
        assertTrue(run.stdout().contains(ANSWER), () -> "the child's answer is missing:\n" + run.describe());
        assertFalse(run.stderr().contains("restricted method"), () -> "a native-access warning:\n" + run.describe());
        if (quietStderr) {
            assertEquals("", run.stderr(), run::describe);
        }
    }
}
