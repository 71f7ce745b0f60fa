package org.nativeipc.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child's output reaches its parent's stdout and stderr — what it prints through
 * {@code System.err}, what it writes to descriptor 2 directly, and an uncaught exception's
 * stack trace — while the parent prints nothing of its own. Seen from outside: a parent JVM
 * whose streams this test captures.
 */
class ChildStderrTest {
    private static final Duration PARENT_TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    /**
     * A plain file ({@code 2> err}) takes the child's stderr through the parent's copy; a file
     * opened for appending ({@code 2>> err}) is reopened by the child (as a pipe or a terminal
     * would be: Surefire's stderr is a pipe).
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void everythingAChildPrintsReachesTheParentsStreams(boolean appended) throws Exception {
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        Process parent = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Parent.class.getName()))
                .redirectOutput(out.toFile())
                .redirectError(appended ? Redirect.appendTo(err.toFile()) : Redirect.to(err.toFile()))
                .start();
        if (!parent.waitFor(PARENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            parent.destroyForcibly().waitFor();
        }
        String stdout = Files.readString(out);
        String stderr = Files.readString(err);
        assertEquals(0, parent.exitValue(), "the parent's exit code; its stderr:\n" + stderr);
        assertEquals("child stdout\nparent done\n", stdout);
        assertTrue(stderr.contains("child System.err\n"), stderr);
        assertTrue(stderr.contains("child descriptor 2\n"), stderr);
        assertTrue(stderr.contains("IllegalStateException: uncaught in the child"), stderr);
        assertTrue(stderr.lines().allMatch(line -> line.startsWith("child ") || line.startsWith("Process ")
                || line.startsWith("java.lang.IllegalStateException") || line.startsWith("\tat ")),
                "only the child's own output on stderr:\n" + stderr);
    }

    /** A parent JVM: one child that prints in every way, then one that throws. */
    public static final class Parent {
        private Parent() {
        }

        public static void main(String[] args) throws Exception {
            ChildProcess printer = new ChildProcess(() -> {
                System.out.println("child stdout");
                System.err.println("child System.err");
                try (FileOutputStream fd2 = new FileOutputStream(FileDescriptor.err)) {
                    fd2.write("child descriptor 2\n".getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).start();
            printer.join();
            ChildProcess thrower = new ChildProcess(() -> {
                throw new IllegalStateException("uncaught in the child");
            }).start();
            thrower.join();
            if (printer.exitCode().orElse(-1) != 0 || thrower.exitCode().orElse(-1) != 1) {
                throw new AssertionError("exit codes " + printer.exitCode() + " and " + thrower.exitCode());
            }
            System.out.println("parent done");
        }
    }
}
