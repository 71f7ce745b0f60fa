package org.nativeipc.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line of a child JVM: the running JDK's {@code java}, the JVM options, this JVM's
 * class path and the {@link ChildBootstrap} main class.
 *
 * <p>Default options keep the child's start cheap without slowing its steady state:
 * {@code -XX:+UseSerialGC} (no parallel GC threads to start on a small machine),
 * {@code -XX:-UsePerfData} (no hsperfdata file) and {@code -Xshare:auto}. The
 * {@code --enable-native-access=ALL-UNNAMED} flag lets jnr-ffi load on JDK 22+ without a warning.
 * Every {@code nativeipc.*} system property of the parent is passed on, so the children agree
 * with it on, for example, the shared-memory folder. The system property
 * {@value #EXTRA_OPTIONS_PROPERTY} adds options (space-separated) to every child.
 */
final class ChildCommand {
    /** System property with extra JVM options for every child, separated by spaces. */
    static final String EXTRA_OPTIONS_PROPERTY = "nativeipc.child.jvmOptions";
    static final List<String> DEFAULT_OPTIONS = List.of(
            "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xshare:auto", "--enable-native-access=ALL-UNNAMED");

    private ChildCommand() {
    }

    static List<String> build(List<String> userOptions) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(DEFAULT_OPTIONS);
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
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ChildBootstrap.class.getName());
        return command;
    }

    static String javaExecutable() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        if (!Files.isExecutable(java)) {
            throw new IllegalStateException("cannot start a child JVM: " + java + " is not an executable;"
                    + " run on a full JDK or JRE (java.home=" + System.getProperty("java.home") + ")");
        }
        return java.toString();
    }
}
