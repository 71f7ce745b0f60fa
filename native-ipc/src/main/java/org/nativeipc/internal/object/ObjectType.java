package org.nativeipc.internal.object;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.nativeipc.internal.memory.RegionExpectation;
import org.nativeipc.internal.memory.RegionFormat;
import org.nativeipc.internal.memory.RegionHandle;
import org.nativeipc.internal.memory.RegionHeader;
import org.nativeipc.internal.memory.RegionKind;
import org.nativeipc.internal.memory.SharedRegion;

/**
 * A type of shared object, as the lifecycle needs to know it: its public name (written into
 * every region it makes, so that errors and {@code nipc} can name it), the region layouts it
 * reads, how a mapped region becomes its Java object, the creation arguments recorded in a
 * region (compared by {@code openOrCreate}) and its live state (shown by {@code nipc inspect}).
 *
 * <p>Each public type declares one, as a static field built with {@link #builder}; building
 * registers it by name, so that a handle arriving in another process finds it. A process that
 * receives a handle for a type whose class it has not loaded yet loads that class by the fixed
 * table {@link #OWNERS}: a handle can only ever name a type of this library.
 *
 * @param <T> the Java type of the object
 */
public final class ObjectType<T> {
    /**
     * The class that declares each type (builds its {@code ObjectType} in its static
     * initializer), by type name; a new shared object adds its line.
     */
    private static final Map<String, String> OWNERS = Map.ofEntries(
            Map.entry("SharedLock", "org.nativeipc.sync.SyncTypes"),
            Map.entry("SharedReentrantLock", "org.nativeipc.sync.SyncTypes"),
            Map.entry("SharedSemaphore", "org.nativeipc.sync.SyncTypes"),
            Map.entry("SharedCondition", "org.nativeipc.sync.SyncTypes"),
            Map.entry("SharedEvent", "org.nativeipc.sync.SyncTypes"),
            Map.entry("SharedBarrier", "org.nativeipc.sync.SyncTypes"),
            Map.entry("SharedQueue", "org.nativeipc.queue.QueueTypes"),
            Map.entry("JoinableSharedQueue", "org.nativeipc.queue.QueueTypes"),
            Map.entry("Pipe", "org.nativeipc.queue.QueueTypes"),
            Map.entry("SpscRing", "org.nativeipc.queue.QueueTypes"),
            Map.entry("MpmcRing", "org.nativeipc.queue.QueueTypes"),
            Map.entry("SharedLong", "org.nativeipc.shared.SharedTypes"),
            Map.entry("SharedDouble", "org.nativeipc.shared.SharedTypes"),
            Map.entry("SharedLongArray", "org.nativeipc.shared.SharedTypes"),
            Map.entry("SharedIntArray", "org.nativeipc.shared.SharedTypes"),
            Map.entry("SharedDoubleArray", "org.nativeipc.shared.SharedTypes"),
            Map.entry("SharedMemory", "org.nativeipc.shared.SharedTypes"),
            Map.entry("SharedMap", "org.nativeipc.shared.SharedTypes"));
    private static final Map<String, ObjectType<?>> REGISTERED = new ConcurrentHashMap<>();

    private final String name;
    private final Class<T> javaType;
    private final List<RegionFormat> formats;
    private final Attacher<T> attacher;
    private final Resolver<T> resolver;
    private final Function<SharedRegion, Map<String, Object>> parameters;
    private final Function<T, Map<String, Object>> state;
    private final String creation;

    private ObjectType(Builder<T> b) {
        this.name = b.name;
        this.javaType = b.javaType;
        this.formats = List.copyOf(b.formats);
        this.attacher = Objects.requireNonNull(b.attacher, "attacher");
        this.resolver = b.resolver;
        this.parameters = b.parameters;
        this.state = b.state;
        this.creation = Objects.requireNonNull(b.creation, "creation");
        if (formats.isEmpty()) {
            throw new IllegalStateException(name + " declares no region layout");
        }
    }

    /**
     * Starts declaring the type {@code name}, whose objects are {@code javaType}s.
     *
     * @param name the public simple name ("SharedLock"), listed in {@link #OWNERS}
     * @param javaType the class of its objects
     * @param <T> the Java type
     * @return a builder
     */
    public static <T> Builder<T> builder(String name, Class<T> javaType) {
        return new Builder<>(name, javaType);
    }

    /** True if {@code name} names a type of this library (known even if not loaded yet). */
    public static boolean isKnown(String name) {
        return name != null && OWNERS.containsKey(name);
    }

    /**
     * The type called {@code name}, loading the class that declares it if this process has not.
     *
     * @throws IllegalArgumentException if no type of this library has that name
     */
    public static ObjectType<?> forName(String name) {
        ObjectType<?> type = REGISTERED.get(name);
        if (type != null) {
            return type;
        }
        String owner = OWNERS.get(name);
        if (owner == null) {
            throw new IllegalArgumentException("'" + name + "' is not a type of native-ipc shared object");
        }
        try {
            Class.forName(owner, true, ObjectType.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the class " + owner + " of shared objects of type " + name
                    + " is missing: the native-ipc jar is incomplete", e);
        }
        type = REGISTERED.get(name);
        if (type == null) {
            throw new IllegalStateException(owner + " declares no ObjectType named " + name);
        }
        return type;
    }

    /** The public simple name, as written into its regions. */
    public String name() {
        return name;
    }

    /** The class of its objects. */
    public Class<T> javaType() {
        return javaType;
    }

    /** The header format of a region of this type with the given layout. */
    RegionFormat format(RegionKind kind, int layoutVersion) {
        RegionFormat format = new RegionFormat(kind, layoutVersion, name);
        if (!formats.contains(format)) {
            throw new IllegalArgumentException(name + " has no layout " + kind + " v" + layoutVersion + "; it reads " + formats);
        }
        return format;
    }

    /** Turns a mapped region into this type's object; {@code context} as for {@link Attacher}. */
    T wrap(SharedRegion region, Object context) {
        return attacher.attach(region, context);
    }

    /** What a deserialized handle stands for (the object itself, or a part such as a pipe's end). */
    Object resolve(T object, Object context) {
        return resolver == null ? object : resolver.resolve(object, context);
    }

    /** The creation arguments recorded in {@code region} ({@code openOrCreate} compares them). */
    public Map<String, Object> parametersOf(SharedRegion region) {
        return parameters == null ? Map.of() : parameters.apply(region);
    }

    /** Live state of {@code object}, for {@code nipc inspect}: labels and values, in order. */
    public Map<String, Object> stateOf(Object object) {
        return state == null ? Map.of() : state.apply(javaType.cast(object));
    }

    /** How to create an object of this type named {@code objectName}, as code: for messages. */
    String creationHint(String objectName) {
        return creation.replace("%s", objectName);
    }

    /**
     * Checks, before attaching, that a handle sent by another process names a layout this code
     * reads: the sender's side of the two-way version check (the file's side is
     * {@link #expectation()}).
     *
     * @throws IllegalStateException naming both versions
     */
    void checkSenderLayout(RegionHandle handle) {
        for (RegionFormat f : formats) {
            if (f.kind() == handle.kind() && f.layoutVersion() == handle.layoutVersion()) {
                return;
            }
        }
        throw new IllegalStateException(handle + " was sent as a " + name + " of layout " + handle.kind() + " v"
                + handle.layoutVersion() + ", but this " + name + " reads " + describeFormats()
                + ": every process must run the same native-ipc version");
    }

    /** What attaching expects of a region file: this type, in one of its layouts. */
    RegionExpectation expectation() {
        return this::checkRegion;
    }

    private void checkRegion(Path path, RegionHeader header) {
        if (!name.equals(header.typeName())) {
            throw new IllegalStateException(ObjectNames.describe(path) + " is a " + header.displayType() + ", not a " + name
                    + ": open it as a " + header.displayType() + (ObjectNames.isNamed(path) ? ", or choose another name" : ""));
        }
        for (RegionFormat f : formats) {
            if (f.kind() == header.kind()) {
                RegionExpectation.checkVersion(path, header, f.layoutVersion());
                return;
            }
        }
        throw new IllegalStateException(ObjectNames.describe(path) + " is a " + name + " of layout " + header.displayType()
                + " " + header.kind() + " v" + header.layoutVersion() + ", and this native-ipc reads " + describeFormats()
                + ": run the same native-ipc version in every process");
    }

    private String describeFormats() {
        List<String> list = new ArrayList<>();
        for (RegionFormat f : formats) {
            list.add(f.kind() + " v" + f.layoutVersion());
        }
        return String.join(" or ", list);
    }

    @Override
    public String toString() {
        return name;
    }

    /**
     * How a mapped region becomes the type's object.
     *
     * @param <T> the Java type
     */
    @FunctionalInterface
    public interface Attacher<T> {
        /**
         * Builds this process's object on {@code region}.
         *
         * @param region the region, created or attached and checked
         * @param context what the caller brings: what a handle carried (a queue's codec, a
         *     condition's lock), what {@code open(name)} was given, or null (the {@code nipc} tool)
         * @return the object
         */
        T attach(SharedRegion region, Object context);
    }

    /**
     * What a handle resolves to when it stands for a part of the object.
     *
     * @param <T> the Java type
     */
    @FunctionalInterface
    public interface Resolver<T> {
        /**
         * The value a deserialized handle becomes.
         *
         * @param object this process's object
         * @param context what the handle carried
         * @return the object or one of its parts
         */
        Object resolve(T object, Object context);
    }

    /**
     * Declares a type; {@link #build()} registers it.
     *
     * @param <T> the Java type
     */
    public static final class Builder<T> {
        private final String name;
        private final Class<T> javaType;
        private final List<RegionFormat> formats = new ArrayList<>();
        private Attacher<T> attacher;
        private Resolver<T> resolver;
        private Function<SharedRegion, Map<String, Object>> parameters;
        private Function<T, Map<String, Object>> state;
        private String creation;

        private Builder(String name, Class<T> javaType) {
            if (!OWNERS.containsKey(name)) {
                throw new IllegalArgumentException("type " + name + " is not listed in ObjectType.OWNERS: add it there");
            }
            this.name = name;
            this.javaType = Objects.requireNonNull(javaType, "javaType");
        }

        /**
         * A region layout the type is made of (several for a type with variants, such as a
         * queue's two rings).
         *
         * @param kind the region kind
         * @param layoutVersion its layout version
         * @return this builder
         */
        public Builder<T> layout(RegionKind kind, int layoutVersion) {
            formats.add(new RegionFormat(kind, layoutVersion, name));
            return this;
        }

        /**
         * How a region becomes the object (required).
         *
         * @param attacher the constructor, in effect
         * @return this builder
         */
        public Builder<T> attacher(Attacher<T> attacher) {
            this.attacher = attacher;
            return this;
        }

        /**
         * What a handle resolves to, when not the object itself.
         *
         * @param resolver the resolver
         * @return this builder
         */
        public Builder<T> resolver(Resolver<T> resolver) {
            this.resolver = resolver;
            return this;
        }

        /**
         * The creation arguments a region records, by label, in order.
         *
         * @param parameters reads them from a region
         * @return this builder
         */
        public Builder<T> parameters(Function<SharedRegion, Map<String, Object>> parameters) {
            this.parameters = parameters;
            return this;
        }

        /**
         * The live state of an object, by label, in order (build it with a {@link LinkedHashMap}).
         *
         * @param state reads it
         * @return this builder
         */
        public Builder<T> state(Function<T, Map<String, Object>> state) {
            this.state = state;
            return this;
        }

        /**
         * How code creates a named object of this type, with {@code %s} for the name, e.g.
         * {@code SharedLock.create("%s")}: error messages show it.
         *
         * @param creation the code
         * @return this builder
         */
        public Builder<T> creation(String creation) {
            this.creation = creation;
            return this;
        }

        /**
         * Builds and registers the type.
         *
         * @return the type
         */
        public ObjectType<T> build() {
            ObjectType<T> type = new ObjectType<>(this);
            REGISTERED.put(name, type);
            return type;
        }
    }
}
