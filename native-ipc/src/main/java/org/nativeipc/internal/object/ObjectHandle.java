package org.nativeipc.internal.object;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamException;
import java.io.Serializable;

import org.nativeipc.internal.memory.RegionHandle;
import org.nativeipc.internal.memory.SharedRegion;

/**
 * What every shared object becomes when serialized (into a child's task, or inside a message):
 * its region's {@linkplain RegionHandle handle} (a file name, kind and layout version: data,
 * never a path), its type's name, and what travels with it (a queue's codec, a condition's
 * lock, which end of a pipe). Deserializing it returns this process's one object for that
 * region, attaching on first use after checking the sender's layout and the file's.
 *
 * <p>A handle naming a type that is not one of this library's is refused before anything is
 * opened. Inside a message, the object attaches under the receiver's policy: the queue's
 * attacher rebinds the codec a handle carries to the receiving queue's allow-list
 * ({@link org.nativeipc.internal.codec.ReceivingPolicy}).
 */
public final class ObjectHandle implements Serializable {
    private static final long serialVersionUID = 1L;

    private final RegionHandle region;
    private final String type;
    private final Serializable carried;

    private ObjectHandle(RegionHandle region, String type, Serializable carried) {
        this.region = region;
        this.type = type;
        this.carried = carried;
    }

    /**
     * The handle of the object of {@code type} on {@code region} (objects with an
     * {@link ObjectLife} get theirs from {@link ObjectLife#handle}).
     *
     * @param region the object's region
     * @param type its type
     * @param carried what travels with it, or null
     * @return the handle
     */
    public static ObjectHandle of(SharedRegion region, ObjectType<?> type, Serializable carried) {
        return new ObjectHandle(region.handle(), type.name(), carried);
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (region == null || !ObjectType.isKnown(type)) {
            throw new InvalidObjectException("a shared-object handle names type '" + type + "', which is not a native-ipc"
                    + " shared object: refused");
        }
    }

    private Object readResolve() throws ObjectStreamException {
        return resolve(ObjectType.forName(type), region, carried);
    }

    /**
     * What a handle of an object of type {@code type} on {@code region}, carrying nothing,
     * deserializes to: this process's object for that region, attached on first use. For
     * messages of the library's own that carry a handle as its parts
     * ({@link SharedObjects#handleOf}).
     *
     * @param type the object's type name ({@link ObjectType#name()}, the class's simple name)
     * @param region its region
     * @return the object
     * @throws IllegalArgumentException if {@code type} names no type of this library
     * @throws IllegalStateException if the layouts differ, or the region is gone or damaged
     */
    public static Object attach(String type, RegionHandle region) {
        return resolve(ObjectType.forName(type), region, null);
    }

    private static <T> Object resolve(ObjectType<T> t, RegionHandle region, Serializable carried) {
        return t.resolve(SharedObjects.attach(t, region, carried), carried);
    }

    /**
     * For a shared object's {@code readObject}: objects only ever travel as handles, so a stream
     * that holds one itself was not written by this library.
     *
     * @param type the object's class
     * @return the exception to throw
     */
    public static InvalidObjectException proxyRequired(Class<?> type) {
        return new InvalidObjectException(type.getSimpleName() + " is serialized as a handle; this stream was not written by it");
    }

    @Override
    public String toString() {
        return type + " " + region;
    }
}
