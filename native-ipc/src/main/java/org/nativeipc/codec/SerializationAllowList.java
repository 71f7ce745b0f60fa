package org.nativeipc.codec;

import java.io.ObjectInputFilter;
import java.io.Serializable;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which classes a message may name when it is decoded: the record and enum classes the
 * {@link DefaultCodec} rebuilds, and the classes Java serialization creates. Everything else is
 * refused — by the consumer, and already by the producer's {@code put}, so that a message no
 * consumer may read is never written.
 *
 * <p>Decoding bytes that another process wrote runs code of the classes they name (a record's
 * canonical constructor; a {@code Serializable} class's {@code readObject}); the allow-list keeps
 * that to classes the user expects (the usual defence against deserialization gadgets).
 * {@link #defaults()} allows:
 * <ul>
 *   <li>a narrow set of JDK classes ({@link #JDK_DEFAULTS}): the boxed primitives, {@code String},
 *       the {@code java.util} collections (package {@code java.util} only, not its
 *       sub-packages), {@code java.time} and {@code java.math} — not {@code java.**}: no
 *       {@code java.rmi}, {@code java.net}, {@code javax.management}, {@code java.beans}; arrays
 *       of primitives are always allowed, reflection proxies never;</li>
 *   <li>this library's own {@code org.nativeipc.**} types (handles of queues, locks, pipes);</li>
 *   <li>packages listed in the system property {@value #ALLOW_PROPERTY} (comma-separated package
 *       names, {@code com.acme} meaning {@code com.acme} and its sub-packages, or filter patterns
 *       such as {@code com.acme.Order}),</li>
 * </ul>
 * and the queue and pipe factories add the package (and sub-packages) of the class that created
 * them: the user's own types. More can be added with {@link #allowPackage} and
 * {@link #allowClass}.
 *
 * <p>For Java serialization, {@link #filter(long)} also limits what one message may make the
 * reader do: arrays no longer than the message has bytes (at least {@link #MIN_ARRAY_LIMIT}),
 * no more object references than bytes, no more bytes than the message, and object graphs at
 * most {@link #MAX_DEPTH} deep.
 *
 * <p>Immutable and serializable: it travels with its codec into child processes.
 */
public final class SerializationAllowList implements Serializable {
    private static final long serialVersionUID = 1L;
    /** System property with extra packages to allow (read where the list is created). */
    public static final String ALLOW_PROPERTY = "nativeipc.serialization.allow";
    /**
     * Deepest object graph Java serialization may read (nesting of objects and arrays): 20, the
     * JDK's own default for the RMI registry. Deeper graphs are refused, which also bounds the
     * work of "bombs" of nested sets whose hashing doubles with each level.
     */
    public static final int MAX_DEPTH = 20;
    /** Arrays up to this many elements are allowed even in shorter messages (a collection's default capacity). */
    public static final int MIN_ARRAY_LIMIT = 1024;
    /** The JDK classes and packages {@link #defaults()} and {@link #jdkOnly()} allow. */
    public static final List<String> JDK_DEFAULTS = List.of("java.lang.Boolean", "java.lang.Byte", "java.lang.Short",
            "java.lang.Character", "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double",
            "java.lang.Number", "java.lang.String", "java.lang.Enum", "java.lang.Object", "java.util.*", "java.time.**",
            "java.math.*", "java.util.concurrent.TimeUnit");
    private static final Pattern PACKAGE_NAME = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");

    /** The patterns, as given: class names, {@code pkg.*} and {@code pkg.**}. */
    private final List<String> patterns;

    private SerializationAllowList(List<String> patterns) {
        this.patterns = Collections.unmodifiableList(new ArrayList<>(patterns));
    }

    /**
     * The JDK classes of {@link #JDK_DEFAULTS}, this library's types, and the packages of
     * {@value #ALLOW_PROPERTY}.
     *
     * @return the list
     * @throws IllegalArgumentException if the property holds an entry that is not a package or pattern
     */
    public static SerializationAllowList defaults() {
        List<String> start = new ArrayList<>(JDK_DEFAULTS);
        start.add("org.nativeipc.**");
        SerializationAllowList list = new SerializationAllowList(start);
        String extra = System.getProperty(ALLOW_PROPERTY, "");
        for (String item : extra.split(",")) {
            String entry = item.trim();
            if (!entry.isEmpty()) {
                list = looksLikePackage(entry) ? list.allowPackage(entry) : list.withPattern(entry, ALLOW_PROPERTY);
            }
        }
        return list;
    }

    /**
     * Only the JDK classes of {@link #JDK_DEFAULTS}.
     *
     * @return the list
     */
    public static SerializationAllowList jdkOnly() {
        return new SerializationAllowList(JDK_DEFAULTS);
    }

    /**
     * The list of exactly {@code patterns}, in that order: the list whose {@link #patterns()}
     * they were (how a list travels without Java serialization).
     *
     * @param patterns class names, {@code pkg.*} and {@code pkg.**}
     * @return the list
     * @throws IllegalArgumentException if an entry is not a class name or package pattern
     */
    public static SerializationAllowList of(List<String> patterns) {
        SerializationAllowList list = new SerializationAllowList(List.of());
        for (String pattern : patterns) {
            list = list.withPattern(Objects.requireNonNull(pattern, "pattern"), "SerializationAllowList.of");
        }
        return list;
    }

    /**
     * A copy that also allows {@code packageName} and its sub-packages.
     *
     * @param packageName a package such as {@code "com.acme.orders"}
     * @return the wider list
     * @throws IllegalArgumentException if {@code packageName} is not a package name
     */
    public SerializationAllowList allowPackage(String packageName) {
        Objects.requireNonNull(packageName, "packageName");
        if (!PACKAGE_NAME.matcher(packageName).matches()) {
            throw new IllegalArgumentException("\"" + packageName + "\" is not a package name: give one such as \"com.acme.orders\"");
        }
        return withPattern(packageName + ".**", "allowPackage");
    }

    /**
     * A copy that also allows {@code type} (and arrays of it).
     *
     * @param type a class (not an array or primitive)
     * @return the wider list
     * @throws IllegalArgumentException if {@code type} is an array or primitive type
     */
    public SerializationAllowList allowClass(Class<?> type) {
        Objects.requireNonNull(type, "type");
        if (type.isArray() || type.isPrimitive()) {
            throw new IllegalArgumentException(type + " is an array or primitive type: allow its element class instead");
        }
        return withPattern(type.getName(), "allowClass");
    }

    /**
     * The patterns: class names, {@code pkg.*} (the package) and {@code pkg.**} (and its sub-packages).
     *
     * @return the patterns, unmodifiable
     */
    public List<String> patterns() {
        return patterns;
    }

    /**
     * True if a message may name {@code type}: arrays if their element class may be named,
     * primitives always, reflection proxies never (ignores the limits of {@link #filter(long)}).
     *
     * @param type a class
     * @return whether the list allows it
     */
    public boolean allows(Class<?> type) {
        Class<?> element = type;
        while (element.isArray()) {
            element = element.getComponentType();
        }
        return element.isPrimitive() || !Proxy.isProxyClass(element) && allowsName(element.getName());
    }

    /** True if the class named {@code className} (binary name, not an array) is allowed. */
    boolean allowsName(String className) {
        for (String p : patterns) {
            if (p.endsWith(".**") ? className.startsWith(p.substring(0, p.length() - 2))
                    : p.endsWith(".*") ? className.startsWith(p.substring(0, p.length() - 1)) && className.lastIndexOf('.') == p.length() - 2
                    : className.equals(p)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The filter for Java-deserializing one message of {@code messageBytes}: allows the patterns,
     * refuses every other class and reflection proxies, arrays longer than
     * {@code max(messageBytes, MIN_ARRAY_LIMIT)} elements, more references or stream bytes than
     * {@code messageBytes}, and graphs deeper than {@link #MAX_DEPTH}.
     *
     * @param messageBytes the size of the message to be read
     * @return a new filter, which also remembers why it refused (for the error message)
     */
    public ObjectInputFilter filter(long messageBytes) {
        return new MessageFilter(this, messageBytes);
    }

    /** The end of an error message about a refused class: which list refused it, and how to allow it. */
    String refusalOf(String className) {
        int dot = className.lastIndexOf('.');
        String pkg = dot > 0 ? className.substring(0, dot) : className;
        return "which is not on the " + this + ". If you trust it, allow its package where the queue or pipe is created"
                + " (SharedQueue.builder().allowPackage(\"" + pkg + "\"), or SerializationAllowList.defaults().allowPackage(\"" + pkg
                + "\") in its codec), or start every process with -D" + ALLOW_PROPERTY + "=" + pkg;
    }

    private SerializationAllowList withPattern(String pattern, String source) {
        if (pattern.isBlank() || pattern.contains(";") || pattern.startsWith("!") || pattern.contains("=")
                || pattern.equals("*") || pattern.equals("**") || pattern.equals(".**")) {
            throw new IllegalArgumentException("\"" + pattern + "\" from " + source
                    + " is not an allow-list entry: give a package (com.acme), a package pattern (com.acme.*, com.acme.**)"
                    + " or a class name (com.acme.Order)");
        }
        if (patterns.contains(pattern)) {
            return this;
        }
        List<String> more = new ArrayList<>(patterns);
        more.add(pattern);
        return new SerializationAllowList(more);
    }

    /** "com.acme" is a package; "com.acme.Order" (capitalized last segment) and "com.acme.*" are patterns. */
    private static boolean looksLikePackage(String entry) {
        String last = entry.substring(entry.lastIndexOf('.') + 1);
        return PACKAGE_NAME.matcher(entry).matches() && !last.isEmpty() && Character.isLowerCase(last.charAt(0));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SerializationAllowList a && a.patterns.equals(patterns);
    }

    @Override
    public int hashCode() {
        return patterns.hashCode();
    }

    @Override
    public String toString() {
        return "allow-list " + Arrays.toString(patterns.toArray());
    }
}
