package org.nativeipc.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nativeipc.testing.TemporaryProperty;

/** Where a child finds its classes: derived from the task's class loader, or set by the user. */
class ChildLaunchTest {
    /** A class that only a class loader of the test's own knows, like an application under {@code mvn exec:java}. */
    private static final String OUTSIDE_SOURCE = """
            package outside;

            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.time.Duration;
            import org.nativeipc.process.ChildProcess;

            public class Task {
                public static int runInChild(String marker) throws Exception {
                    ChildProcess child = new ChildProcess(() -> Files.writeString(Path.of(marker), Task.class.getName())).start();
                    if (!child.join(Duration.ofSeconds(60))) {
                        child.kill();
                        throw new IllegalStateException("the child did not end within 60 s");
                    }
                    return child.exitCode().orElseThrow();
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aTaskFromAClassLoaderOffTheClassPathRunsInTheChild() throws Exception {
        Path sources = Files.createDirectories(dir.resolve("src/outside"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Files.writeString(sources.resolve("Task.java"), OUTSIDE_SOURCE);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int compiled = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                sources.resolve("Task.java").toString());
        assertEquals(0, compiled, "compiling the outside task");
        Path marker = dir.resolve("marker");
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ChildLaunchTest.class.getClassLoader())) {
            thread.setContextClassLoader(loader);
            Object exit = loader.loadClass("outside.Task").getMethod("runInChild", String.class).invoke(null, marker.toString());
            assertEquals(0, exit, "the child's exit code (its stderr is in the test output above)");
        } finally {
            thread.setContextClassLoader(previous);
        }
        assertEquals("outside.Task", Files.readString(marker), "the task ran in the child");
    }

    @Test
    void theDerivedClassPathNamesNativeIpcAndTheTasksClasses() throws Exception {
        List<String> arguments = ChildLaunch.of(null, getClass()).arguments();
        assertEquals("-cp", arguments.get(0));
        List<String> entries = List.of(arguments.get(1).split(File.pathSeparator));
        assertTrue(entries.contains(codeSource(ChildBootstrap.class)), "native-ipc's classes in " + entries);
        assertTrue(entries.contains(codeSource(getClass())), "the test's classes in " + entries);
        assertEquals(ChildBootstrap.class.getName(), arguments.get(2));
    }

    @Test
    void theClassPathPropertyOrOptionReplacesTheDerivedOne() {
        try (TemporaryProperty property = TemporaryProperty.set(ChildLaunch.CLASS_PATH_PROPERTY, "/from/property")) {
            assertEquals(List.of("-cp", "/from/property", ChildBootstrap.class.getName()), ChildLaunch.of(null, getClass()).arguments());
            assertEquals(List.of("-cp", "/from/option", ChildBootstrap.class.getName()),
                    ChildLaunch.of("/from/option", getClass()).arguments());
        }
    }

    private static String codeSource(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
