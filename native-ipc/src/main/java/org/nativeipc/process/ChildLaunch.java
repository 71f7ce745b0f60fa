package org.nativeipc.process;

import java.io.File;
import java.lang.module.ResolvedModule;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where a child JVM finds native-ipc and the task's classes: the end of its command line, after
 * the JVM options. It is derived from where those classes come from in this JVM, because
 * {@code java.class.path} alone is the launcher's class path, not the application's, under
 * {@code mvn exec:java}, in a Spring Boot executable jar and on the module path. In order:
 *
 * <ol>
 *   <li><b>Set by the user</b> with {@link ChildProcess#classPath(String)} or the system
 *       property {@value #CLASS_PATH_PROPERTY}: {@code -cp} that, nothing derived.</li>
 *   <li><b>native-ipc in a named module</b> (the module path): {@code --module-path} with the
 *       location of every module of native-ipc's layer, each of them a root
 *       ({@code --add-modules}), so the child resolves what this JVM resolved; the class path
 *       as below (without those modules), as automatic modules such as jnr-ffi may need classes
 *       of the unnamed module; {@code -m} the bootstrap.</li>
 *   <li><b>native-ipc or the task nested in a Spring Boot executable jar</b>: that jar again,
 *       through Boot's {@code PropertiesLauncher} with {@code loader.main} set to the bootstrap,
 *       so the child gets the same nested class path; this JVM's other {@code loader.*}
 *       properties are passed on.</li>
 *   <li><b>Otherwise, the class path</b>: {@code java.class.path}, then the URLs of every
 *       {@link URLClassLoader} between the system class loader and the class loaders of the
 *       task, of native-ipc and of the calling thread's context (parents first, as they
 *       delegate), then the code sources of native-ipc and the task's class, for loaders that
 *       list no URLs. Only local files and folders count.</li>
 * </ol>
 *
 * A class the child still cannot find makes {@link ChildProcess#start()} throw with the child's
 * {@code ClassNotFoundException} and the fix (set the class path).
 */
final class ChildLaunch {
    /** System property: the child's class path (as for {@code java -cp}), instead of a derived one. */
    static final String CLASS_PATH_PROPERTY = "nativeipc.child.classPath";
    private static final String BOOTSTRAP = ChildBootstrap.class.getName();
    /** Spring Boot's launchers that take the main class from {@code loader.main}: 3.2+, then older. */
    private static final List<String> SPRING_BOOT_LAUNCHERS = List.of(
            "org.springframework.boot.loader.launch.PropertiesLauncher",
            "org.springframework.boot.loader.PropertiesLauncher");
    private static final String SPRING_BOOT_PROPERTY_PREFIX = "loader.";
    private static final Set<String> SPRING_BOOT_OWN_PROPERTIES = Set.of("loader.main", "loader.args");
    /** The package of jffi, the jnr-ffi part that loads native code ({@code System.load}). */
    private static final String JFFI_PACKAGE = "com.kenai.jffi";
    private static final String ALL_UNNAMED = "ALL-UNNAMED";

    private final List<String> arguments;
    private final String nativeAccess;

    private ChildLaunch(List<String> arguments, String nativeAccess) {
        this.arguments = List.copyOf(arguments);
        this.nativeAccess = nativeAccess;
    }

    /** The command line's end: how to find the classes, then the main class (or module). */
    List<String> arguments() {
        return arguments;
    }

    /** The value of {@code --enable-native-access} that covers jnr-ffi in the child. */
    String nativeAccess() {
        return nativeAccess;
    }

    /**
     * How to launch a child that runs an instance of {@code taskClass}.
     *
     * @param classPath the class path the user set, or null to use {@value #CLASS_PATH_PROPERTY}
     *     or derive one
     * @param taskClass the class of the task (a lambda's class or a {@link ChildProcess}
     *     subclass), or null for a spare JVM booted before any task is known
     */
    static ChildLaunch of(String classPath, Class<?> taskClass) {
        String chosen = classPath != null ? classPath : System.getProperty(CLASS_PATH_PROPERTY);
        if (chosen != null && !chosen.isBlank()) {
            return onClassPath(chosen.strip());
        }
        List<Class<?>> needed = new ArrayList<>(List.of(ChildBootstrap.class));
        if (taskClass != null) {
            needed.add(taskClass);
        }
        Module library = ChildBootstrap.class.getModule();
        if (library.isNamed() && library.getLayer() != null) {
            return onModulePath(library, needed);
        }
        Optional<String> bootLauncher = springBootLauncher(needed);
        if (bootLauncher.isPresent()) {
            return throughSpringBoot(bootLauncher.get());
        }
        return onClassPath(String.join(File.pathSeparator, derivedClassPath(needed)));
    }

    private static ChildLaunch onClassPath(String classPath) {
        return new ChildLaunch(List.of("-cp", classPath, BOOTSTRAP), ALL_UNNAMED);
    }

    private static ChildLaunch onModulePath(Module library, List<Class<?>> needed) {
        Set<String> modulePath = new LinkedHashSet<>();
        Set<String> roots = new LinkedHashSet<>();
        String nativeAccess = ALL_UNNAMED;
        for (ModuleLayer layer = library.getLayer(); layer != null && layer != ModuleLayer.empty();
                layer = layer.parents().isEmpty() ? null : layer.parents().get(0)) {
            for (ResolvedModule module : layer.configuration().modules()) {
                Optional<String> location = module.reference().location()
                        .filter(uri -> "file".equals(uri.getScheme()))
                        .map(uri -> Path.of(uri).toString());
                if (location.isPresent()) {
                    modulePath.add(location.get());
                    roots.add(module.name());
                    if (module.reference().descriptor().packages().contains(JFFI_PACKAGE)) {
                        nativeAccess = ALL_UNNAMED + "," + module.name();
                    }
                }
            }
        }
        List<String> arguments = new ArrayList<>(List.of(
                "--module-path", String.join(File.pathSeparator, modulePath),
                "--add-modules", String.join(",", roots)));
        // What this JVM has on the class path, too: automatic modules (jnr-ffi) read the unnamed
        // module, and Surefire, for one, puts there the dependencies that the tested module
        // does not require directly (jffi).
        List<Class<?>> unnamed = needed.stream().filter(c -> !c.getModule().isNamed()).toList();
        Set<String> classPath = derivedClassPath(unnamed);
        classPath.removeAll(modulePath);
        if (!classPath.isEmpty()) {
            arguments.addAll(List.of("-cp", String.join(File.pathSeparator, classPath)));
        }
        arguments.addAll(List.of("-m", library.getName() + "/" + BOOTSTRAP));
        return new ChildLaunch(arguments, nativeAccess);
    }

    /** Boot's launcher if one of {@code needed} is nested in a jar on this JVM's class path. */
    private static Optional<String> springBootLauncher(List<Class<?>> needed) {
        boolean nested = needed.stream()
                .map(ChildLaunch::location)
                .anyMatch(url -> url != null && !"file".equals(url.getProtocol()));
        if (!nested) {
            return Optional.empty();
        }
        ClassLoader system = ClassLoader.getSystemClassLoader();
        return SPRING_BOOT_LAUNCHERS.stream()
                .filter(launcher -> system.getResource(launcher.replace('.', '/') + ".class") != null)
                .findFirst();
    }

    private static ChildLaunch throughSpringBoot(String launcher) {
        List<String> arguments = new ArrayList<>();
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith(SPRING_BOOT_PROPERTY_PREFIX) && !SPRING_BOOT_OWN_PROPERTIES.contains(key)) {
                arguments.add("-D" + key + "=" + System.getProperty(key));
            }
        }
        arguments.add("-Dloader.main=" + BOOTSTRAP);
        arguments.addAll(List.of("-cp", String.join(File.pathSeparator, javaClassPath()), launcher));
        return new ChildLaunch(arguments, ALL_UNNAMED);
    }

    private static Set<String> derivedClassPath(List<Class<?>> needed) {
        Set<String> entries = new LinkedHashSet<>();
        entries.addAll(javaClassPath());
        addLoaderUrls(entries, Thread.currentThread().getContextClassLoader());
        for (Class<?> type : needed) {
            addLoaderUrls(entries, type.getClassLoader());
        }
        for (Class<?> type : needed) {
            localPath(location(type)).ifPresent(entries::add);
        }
        return entries;
    }

    private static Set<String> javaClassPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                entries.add(Path.of(entry).toAbsolutePath().toString());
            }
        }
        return entries;
    }

    /** The local URLs of {@code loader} and its parents below the system class loader, parents first. */
    private static void addLoaderUrls(Set<String> entries, ClassLoader loader) {
        if (loader == null || loader == ClassLoader.getSystemClassLoader() || loader == ClassLoader.getPlatformClassLoader()) {
            return;
        }
        addLoaderUrls(entries, loader.getParent());
        if (loader instanceof URLClassLoader urls) {
            for (URL url : urls.getURLs()) {
                localPath(url).ifPresent(entries::add);
            }
        }
    }

    private static URL location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null ? null : source.getLocation();
    }

    private static Optional<String> localPath(URL url) {
        if (url == null || !"file".equals(url.getProtocol())) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(url.toURI()).toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.of(new File(url.getPath()).getAbsolutePath());
        }
    }
}
