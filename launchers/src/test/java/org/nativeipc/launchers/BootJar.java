package org.nativeipc.launchers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;

/**
 * A Spring Boot executable jar, laid out as Boot's Maven plugin lays it out: Boot's loader
 * classes at the root, the application's classes under {@code BOOT-INF/classes/}, its
 * dependencies as nested jars (stored, not compressed) under {@code BOOT-INF/lib/}, and a
 * manifest whose {@code Main-Class} is Boot's {@code JarLauncher}.
 */
final class BootJar {
    private static final String LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";
    private static final String CLASSES = "BOOT-INF/classes/";
    private static final String LIB = "BOOT-INF/lib/";

    private BootJar() {
    }

    /** Writes {@code jar} with Boot's loader from {@code loaderJar}, running {@code mainClass}. */
    static void write(Path jar, Path loaderJar, Path classes, List<Path> libraries, String mainClass) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, LAUNCHER);
        main.putValue("Start-Class", mainClass);
        main.putValue("Spring-Boot-Classes", CLASSES);
        main.putValue("Spring-Boot-Lib", LIB);
        // The launched jar's manifest is where native access is granted (JDK 22+).
        main.putValue("Enable-Native-Access", "ALL-UNNAMED");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             JarFile loader = new JarFile(loaderJar.toFile())) {
            for (JarEntry entry : (Iterable<JarEntry>) loader.stream()::iterator) {
                if (!entry.getName().startsWith("META-INF/")) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream in = loader.getInputStream(entry)) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
            // Boot finds BOOT-INF/classes/ and its packages through their directory entries.
            out.putNextEntry(new JarEntry("BOOT-INF/"));
            out.closeEntry();
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    String name = CLASSES + classes.relativize(file).toString().replace('\\', '/');
                    boolean directory = Files.isDirectory(file);
                    out.putNextEntry(new JarEntry(directory && !name.endsWith("/") ? name + "/" : name));
                    if (!directory) {
                        Files.copy(file, out);
                    }
                    out.closeEntry();
                }
            }
            out.putNextEntry(new JarEntry(LIB));
            out.closeEntry();
            for (Path library : libraries) {
                putStored(out, LIB + library.getFileName(), Files.readAllBytes(library));
            }
        }
    }

    /** Boot reads nested jars in place, so they must be stored uncompressed. */
    private static void putStored(JarOutputStream out, String name, byte[] bytes) throws IOException {
        JarEntry entry = new JarEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        entry.setCompressedSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        entry.setCrc(crc.getValue());
        out.putNextEntry(entry);
        ((OutputStream) out).write(bytes);
        out.closeEntry();
    }
}
