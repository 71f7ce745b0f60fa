package org.nativeipc.pool;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;

/**
 * The worker's side of {@link LambdaShapes}: keeps the shapes the parent defined and rebuilds a
 * lambda from a shape and captured values, the way Java deserialization does — by calling the
 * capturing class's {@code $deserializeLambda$} with a {@link SerializedLambda}. When this
 * library may not call that method (a named module that does not open its package), it lets
 * Java serialization do it, which is slower but always allowed.
 */
final class LambdaRebuilder {
    private record Definition(Class<?> capturingClass, String[] names, int implMethodKind, Method deserializer,
                              ClassNotFoundException missing) {
    }

    private final Map<Integer, Definition> definitions = new HashMap<>();

    /**
     * Reads a {@code DEFINE_LAMBDA} body (after its kind and length). A capturing class this
     * process cannot load is remembered: the tasks of that shape fail with it.
     */
    void define(FrameReader in) {
        int id = in.readInt();
        String capturing = in.readString();
        // functional interface class, method, signature; then the kind; then the implementation
        // class, method, signature, and the instantiated method type (see LambdaShapes.define)
        String[] names = new String[7];
        for (int i = 0; i < 3; i++) {
            names[i] = in.readString();
        }
        int kind = in.readInt();
        for (int i = 3; i < names.length; i++) {
            names[i] = in.readString();
        }
        Class<?> capturingClass;
        try {
            capturingClass = loadClass(capturing);
        } catch (ClassNotFoundException e) {
            definitions.put(id, new Definition(null, names, kind, null, e));
            return;
        }
        Method deserializer = null;
        try {
            Method m = capturingClass.getDeclaredMethod("$deserializeLambda$", SerializedLambda.class);
            deserializer = m.trySetAccessible() ? m : null;
        } catch (NoSuchMethodException e) {
            // Not a class that made serializable lambdas: rebuilding will say so.
        }
        definitions.put(id, new Definition(capturingClass, names, kind, deserializer, null));
    }

    /** The lambda of shape {@code id} with {@code captured} values. */
    Object rebuild(int id, Object[] captured) throws Exception {
        Definition d = definitions.get(id);
        if (d == null) {
            throw new IllegalStateException("the parent sent a lambda of shape " + id + " without defining it first");
        }
        if (d.missing() != null) {
            throw new ClassNotFoundException("the worker cannot load " + d.missing().getMessage()
                    + ", the class whose lambda the task is: is it on the worker's class path?", d.missing());
        }
        String[] n = d.names();
        SerializedLambda form = new SerializedLambda(d.capturingClass(), n[0], n[1], n[2], d.implMethodKind(), n[3], n[4], n[5],
                n[6], captured);
        if (d.deserializer() != null) {
            try {
                return d.deserializer().invoke(null, form);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
        return throughSerialization(form);
    }

    private static Object throughSerialization(SerializedLambda form) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(form);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }

    static Class<?> loadClass(String name) throws ClassNotFoundException {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader != null) {
            try {
                return Class.forName(name, false, loader);
            } catch (ClassNotFoundException notThere) {
                // try the library's loader
            }
        }
        return Class.forName(name, false, LambdaRebuilder.class.getClassLoader());
    }
}
