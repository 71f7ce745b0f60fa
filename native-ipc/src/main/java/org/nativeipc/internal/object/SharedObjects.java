package org.nativeipc.internal.object;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.nativeipc.internal.memory.RegionFolder;
import org.nativeipc.internal.memory.RegionHandle;
import org.nativeipc.internal.memory.RegionHeader;
import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.internal.posix.LockableFile;
import org.nativeipc.internal.posix.NativeCallException;

/**
 * Where every shared object is made and found: anonymous ({@link #create(ObjectType, Recipe, Object)},
 * reached by others through handles, owned by its creator) or named ({@link #create(ObjectType,
 * String, Recipe, Object) create}, {@link #open}, {@link #openOrCreate}, {@link #unlink}:
 * reached by name from any process, alive until unlinked).
 *
 * <p>Every path ends in the same two steps: the region is checked (the type and a layout this
 * code reads, in the file's header, and for a handle also the sender's layout), and this
 * process's one object for the region is returned ({@link AttachedObjects}).
 *
 * <p>The {@code context} argument is what the caller brings to the object (see
 * {@link ObjectType.Attacher}): a queue's codec, a condition's lock; null when the type needs none.
 */
public final class SharedObjects {
    /** How often {@link #openOrCreate} goes round when others keep creating and unlinking the name. */
    private static final int OPEN_OR_CREATE_ATTEMPTS = 100;

    private SharedObjects() {
    }

    /**
     * Creates an anonymous object: its creator owns it, and closing it there (or that process's
     * exit) removes it.
     *
     * @param type its type
     * @param recipe how to make it
     * @param context what the object needs besides its region
     * @param <T> the Java type
     * @return the new object
     */
    public static <T> T create(ObjectType<T> type, Recipe recipe, Object context) {
        SharedRegion region = SharedRegion.create(type.format(recipe.kind(), recipe.layoutVersion()), recipe.payloadBytes(),
                recipe.initializer());
        return register(type, region, context);
    }

    /**
     * Creates an object named {@code name}.
     *
     * @param type its type
     * @param name the name (see {@link ObjectNames})
     * @param recipe how to make it
     * @param context what the object needs besides its region
     * @param <T> the Java type
     * @return the new object
     * @throws IllegalStateException if the name exists (of any type)
     * @throws IllegalArgumentException if the name is not valid
     */
    public static <T> T create(ObjectType<T> type, String name, Recipe recipe, Object context) {
        T made = tryCreate(type, ObjectNames.pathOf(name), recipe, context);
        if (made == null) {
            throw ObjectNames.exists(type, name);
        }
        return made;
    }

    /**
     * Attaches to the object named {@code name}.
     *
     * @param type its type
     * @param name the name
     * @param context what the object needs besides its region
     * @param <T> the Java type
     * @return this process's object for it
     * @throws IllegalStateException if there is no such name (the message says how to create
     *     it), or it names another type or a layout version this code does not read
     * @throws IllegalArgumentException if the name is not valid
     */
    public static <T> T open(ObjectType<T> type, String name, Object context) {
        T found = tryOpen(type, ObjectNames.pathOf(name), context);
        if (found == null) {
            throw ObjectNames.missing(type, name);
        }
        return found;
    }

    /**
     * Attaches to the object named {@code name}, creating it if there is none. Of any number of
     * processes racing here, exactly one creates and the others attach to its object, which is
     * complete before any of them can see it.
     *
     * @param type its type
     * @param name the name
     * @param recipe how to make it, and the arguments an existing object must have been made with
     * @param context what the object needs besides its region
     * @param <T> the Java type
     * @return this process's object for it
     * @throws IllegalStateException if an existing object was made with other arguments, or is
     *     of another type or layout version
     */
    public static <T> T openOrCreate(ObjectType<T> type, String name, Recipe recipe, Object context) {
        Path path = ObjectNames.pathOf(name);
        for (int attempt = 0; attempt < OPEN_OR_CREATE_ATTEMPTS; attempt++) {
            T found = tryOpen(type, path, context);
            if (found != null) {
                checkSameArguments(type, name, path, recipe);
                return found;
            }
            T made = tryCreate(type, path, recipe, context);
            if (made != null) {
                return made;
            }
            // Created by another process after our look, and perhaps unlinked again: look again.
        }
        throw new IllegalStateException("'" + name + "' kept appearing and disappearing in " + RegionFolder.folder() + " while "
                + OPEN_OR_CREATE_ATTEMPTS + " attempts tried to open or create it: some process is unlinking it in a loop");
    }

    /**
     * Removes the name {@code name}: no process can open it any more, processes attached to it
     * keep working, and its memory goes when the last of them lets go.
     *
     * @param type the type the caller expects the name to hold
     * @param name the name
     * @return true if it was removed, false if there was no such name
     * @throws IllegalStateException if the name holds another type of object (nothing is removed)
     */
    public static boolean unlink(ObjectType<?> type, String name) {
        Path path = ObjectNames.pathOf(name);
        RegionHeader header = headerOf(path);
        if (header == null) {
            return false;
        }
        if (header.isReady() && !type.name().equals(header.typeName())) {
            throw ObjectNames.otherType(name, header.displayType(), type);
        }
        return delete(path);
    }

    /**
     * Removes the name {@code name}, whatever it holds (the {@code nipc rm} command).
     *
     * @param name the name
     * @return true if it was removed, false if there was no such name
     */
    public static boolean unlinkAny(String name) {
        return delete(ObjectNames.pathOf(name));
    }

    /**
     * This process's object for a handle another process sent, attaching on first use: checks
     * that the sender's layout is one this code reads, then the file's header.
     *
     * @param type the type the handle names
     * @param handle the region handle
     * @param context what the handle carried
     * @param <T> the Java type
     * @return the object
     * @throws IllegalStateException if the layouts differ, or the region is gone or damaged
     */
    public static <T> T attach(ObjectType<T> type, RegionHandle handle, Object context) {
        type.checkSenderLayout(handle);
        Path path = handle.path();
        return AttachedObjects.resolve(path, type.javaType(), () -> SharedRegion.attach(path, type.expectation()),
                region -> type.wrap(region, context));
    }

    /**
     * The handle of {@code object}'s region, for a message of the library's own that carries
     * the object as its parts rather than by Java serialization (the receiver attaches with
     * {@link ObjectHandle#attach}).
     *
     * @param object a shared object this process made or attached
     * @return its region's handle
     * @throws IllegalArgumentException if it is no such object, or it was closed
     */
    public static RegionHandle handleOf(Object object) {
        SharedRegion region = AttachedObjects.regionOf(object);
        if (region == null) {
            throw new IllegalArgumentException(object + " is not an open shared object of this process: cannot send its handle");
        }
        return region.handle();
    }

    /**
     * Maps the region at {@code path} as an object of its own type, with no context: what the
     * {@code nipc} tool inspects. The caller closes what it gets.
     *
     * @param type the type its header names
     * @param path the region file
     * @param <T> the Java type
     * @return a new object on it (not registered as this process's object), or null if the file is gone
     */
    public static <T> T inspect(ObjectType<T> type, Path path) {
        SharedRegion region = SharedRegion.attachIfPresent(path, type.expectation());
        if (region == null) {
            return null;
        }
        try {
            return type.wrap(region, null);
        } catch (RuntimeException | Error e) {
            region.close();
            throw e;
        }
    }

    /**
     * Ends this process's use of {@code region} for an object that keeps no {@link ObjectLife}
     * (a standalone ring): forgets it as this process's object and closes the region.
     *
     * @param region the object's region
     */
    public static void release(SharedRegion region) {
        AttachedObjects.forget(region);
        region.close();
    }

    private static <T> T register(ObjectType<T> type, SharedRegion region, Object context) {
        try {
            T object = type.wrap(region, context);
            AttachedObjects.register(region, object);
            return object;
        } catch (RuntimeException | Error e) {
            region.close();
            throw e;
        }
    }

    private static <T> T tryCreate(ObjectType<T> type, Path path, Recipe recipe, Object context) {
        SharedRegion region = SharedRegion.createNamed(path, type.format(recipe.kind(), recipe.layoutVersion()),
                recipe.payloadBytes(), recipe.initializer());
        return region == null ? null : register(type, region, context);
    }

    private static <T> T tryOpen(ObjectType<T> type, Path path, Object context) {
        return AttachedObjects.resolve(path, type.javaType(), () -> SharedRegion.attachIfPresent(path, type.expectation()),
                region -> type.wrap(region, context));
    }

    private static void checkSameArguments(ObjectType<?> type, String name, Path path, Recipe recipe) {
        Map<String, Object> asked = recipe.parameters();
        if (asked.isEmpty()) {
            return;
        }
        SharedRegion region = AttachedObjects.regionAt(path);
        if (region == null) {
            return; // collected meanwhile (nothing refers to it): nothing to compare
        }
        Map<String, Object> existing = type.parametersOf(region);
        if (!existing.equals(asked)) {
            throw ObjectNames.differentArguments(type, name, existing, asked);
        }
    }

    private static RegionHeader headerOf(Path path) {
        try {
            return RegionHeader.readFile(path);
        } catch (NativeCallException e) {
            if (e.errno() == LockableFile.ENOENT) {
                return null;
            }
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), new IOException(e));
        }
    }

    private static boolean delete(Path path) {
        try {
            return Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unlink " + path + ": " + e + " (only the owner of the file, or root, may"
                    + " remove it from a sticky folder such as /dev/shm)", e);
        }
    }
}
