package org.nativeipc.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line of a child JVM: the running JDK's {@code java}, the JVM options, then where
 * to find the classes and the {@link ChildBootstrap} main class ({@link ChildLaunch}).
 *
 * <p>Default options keep the child's start cheap without slowing its steady state:
 * {@code -XX:+UseSerialGC} (no parallel GC threads to start on a small machine),
 * {@code -XX:-UsePerfData} (no hsperfdata file) and {@code -Xshare:auto}. The
 * {@code --enable-native-access} flag (for {@code ALL-UNNAMED}, and on the module path for
 * jffi's module too) lets jnr-ffi load on JDK 22+ without a warning.
 * Every {@code nativeipc.*} system property of the parent is passed on, so the children agree
 * with it on, for example, the shared-memory folder. The system property
 * {@value #EXTRA_OPTIONS_PROPERTY} adds options (space-separated) to every child. On JDK 25+,
 * {@link AotCache} may put an AOT cache in place of {@code -Xshare:auto}.
 */
final class ChildCommand {
    /** System property with extra JVM options for every child, separated by spaces. */
    static final String EXTRA_OPTIONS_PROPERTY = "nativeipc.child.jvmOptions";
    static final List<String> DEFAULT_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xshare:auto");

    private ChildCommand() {
    }

    static List<String> build(List<String> userOptions, ChildLaunch launch) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(DEFAULT_OPTIONS);
        command.add("--enable-native-access=" + launch.nativeAccess());
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("nativeipc.") && !key.equals(EXTRA_OPTIONS_PROPERTY)) {
                command.add("-D" + key + "=" + System.getProperty(key));
            }
        }
        String extra = System.getProperty(EXTRA_OPTIONS_PROPERTY, "").trim();
        if (!extra.isEmpty()) {
            command.addAll(Arrays.asList(extra.split("\\s+")));
        }
        command.addAll(userOptions);
        command.addAll(launch.arguments());
        return AotCache.apply(command);
    }

    static String javaExecutable() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        if (!Files.isExecutable(java)) {
            throw new ChildStartException("cannot start a child JVM: " + java + " is not an executable file;"
                    + " run this program on a full JDK or JRE (java.home=" + System.getProperty("java.home")
                    + ", the runtime children are started with)", "", null);
        }
        return java.toString();
    }
}
