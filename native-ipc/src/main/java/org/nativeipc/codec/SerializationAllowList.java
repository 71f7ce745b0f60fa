package org.nativeipc.codec;

import java.io.ObjectInputFilter;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which classes Java deserialization may create when a message is read: an
 * {@link ObjectInputFilter} built from package and class names, everything else refused.
 *
 * <p>Deserializing bytes that another process wrote runs constructors and {@code readObject}
 * methods of whatever classes the bytes name; an allow-list keeps that to classes the user
 * expects (the usual defence against deserialization gadgets). {@link #defaults()} allows:
 * <ul>
 *   <li>the JDK's {@code java.**} types (strings, boxes, collections, time, big numbers, arrays of
 *       them; arrays of primitives are always allowed),</li>
 *   <li>this library's own {@code org.nativeipc.**} types (handles of queues, locks, pipes),</li>
 *   <li>packages listed in the system property {@value #ALLOW_PROPERTY} (comma-separated package
 *       names, {@code com.acme} meaning {@code com.acme} and its sub-packages, or filter patterns
 *       such as {@code com.acme.Order}),</li>
 * </ul>
 * and the queue and pipe factories add the package (and sub-packages) of the class that created
 * them: the user's own types. More can be added with {@link #allowPackage} and
 * {@link #allowClass}. Object graphs deeper than {@link #MAX_DEPTH} are refused too.
 *
 * <p>Immutable and serializable: it travels with its codec into child processes.
 */
public final class SerializationAllowList implements Serializable {
    private static final long serialVersionUID = 1L;
    /** System property with extra packages to allow (read where the list is created). */
    public static final String ALLOW_PROPERTY = "nativeipc.serialization.allow";
    /** Deepest object graph accepted (nesting of objects and arrays). */
    public static final int MAX_DEPTH = 200;
    private static final Pattern PACKAGE_NAME = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");

    private final List<String> patterns;
    private transient volatile ObjectInputFilter filter;

    private SerializationAllowList(List<String> patterns) {
        this.patterns = Collections.unmodifiableList(new ArrayList<>(patterns));
    }

    /** JDK types, this library's types, and the packages of {@value #ALLOW_PROPERTY}. */
    public static SerializationAllowList defaults() {
        SerializationAllowList list = new SerializationAllowList(List.of("java.**", "org.nativeipc.**"));
        String extra = System.getProperty(ALLOW_PROPERTY, "");
        for (String item : extra.split(",")) {
            String entry = item.trim();
            if (!entry.isEmpty()) {
                list = looksLikePackage(entry) ? list.allowPackage(entry) : list.withPattern(entry, ALLOW_PROPERTY);
            }
        }
        return list;
    }

    /** Only the JDK's {@code java.**} types. */
    public static SerializationAllowList jdkOnly() {
        return new SerializationAllowList(List.of("java.**"));
    }

    /** A copy that also allows {@code packageName} and its sub-packages. */
    public SerializationAllowList allowPackage(String packageName) {
        Objects.requireNonNull(packageName, "packageName");
        if (!PACKAGE_NAME.matcher(packageName).matches()) {
            throw new IllegalArgumentException("\"" + packageName + "\" is not a package name: give one such as \"com.acme.orders\"");
        }
        return withPattern(packageName + ".**", "allowPackage");
    }

    /** A copy that also allows {@code type} (and arrays of it). */
    public SerializationAllowList allowClass(Class<?> type) {
        Objects.requireNonNull(type, "type");
        if (type.isArray() || type.isPrimitive()) {
            throw new IllegalArgumentException(type + " is an array or primitive type: allow its element class instead");
        }
        return withPattern(type.getName(), "allowClass");
    }

    /** The patterns, in filter syntax. */
    public List<String> patterns() {
        return patterns;
    }

    /** True if objects of {@code type} may be deserialized (ignores the depth limit). */
    public boolean allows(Class<?> type) {
        Class<?> element = type;
        while (element.isArray()) {
            element = element.getComponentType();
        }
        if (element.isPrimitive()) {
            return true;
        }
        String name = element.getName();
        for (String p : patterns) {
            if (p.endsWith(".**") ? name.startsWith(p.substring(0, p.length() - 2))
                    : p.endsWith(".*") ? name.startsWith(p.substring(0, p.length() - 1)) && name.lastIndexOf('.') == p.length() - 2
                    : name.equals(p)) {
                return true;
            }
        }
        return false;
    }

    /** The filter: allows the patterns, refuses everything else and graphs deeper than {@link #MAX_DEPTH}. */
    public ObjectInputFilter filter() {
        ObjectInputFilter f = filter;
        if (f == null) {
            f = ObjectInputFilter.Config.createFilter(String.join(";", patterns) + ";maxdepth=" + MAX_DEPTH + ";!*");
            filter = f;
        }
        return f;
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
