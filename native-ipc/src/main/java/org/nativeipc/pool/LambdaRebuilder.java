package org.nativeipc.pool;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Constructor;
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
    /** A shape as the parent defined it; {@code direct} is learnt from the first lambda rebuilt. */
    private static final class Definition {
        final Class<?> capturingClass;
        final String[] names;
        final int implMethodKind;
        final Method deserializer;
        final ClassNotFoundException missing;
        MethodHandle direct;
        boolean directTried;

        Definition(Class<?> capturingClass, String[] names, int implMethodKind, Method deserializer, ClassNotFoundException missing) {
            this.capturingClass = capturingClass;
            this.names = names;
            this.implMethodKind = implMethodKind;
            this.deserializer = deserializer;
            this.missing = missing;
        }
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

    /**
     * The lambda of shape {@code id} with {@code captured} values. The first one is made as
     * Java deserialization makes it; its class's constructor, which takes the captured values in
     * order, then makes the others directly (a few times faster).
     */
    Object rebuild(int id, Object[] captured) throws Exception {
        Definition d = definitions.get(id);
        if (d == null) {
            throw new IllegalStateException("the parent sent a lambda of shape " + id + " without defining it first");
        }
        if (d.missing != null) {
            throw new ClassNotFoundException("the worker cannot load " + d.missing.getMessage()
                    + ", the class whose lambda the task is: is it on the worker's class path?", d.missing);
        }
        if (d.direct != null) {
            try {
                return (Object) d.direct.invokeExact(captured);
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
        String[] n = d.names;
        SerializedLambda form = new SerializedLambda(d.capturingClass, n[0], n[1], n[2], d.implMethodKind, n[3], n[4], n[5],
                n[6], captured);
        Object lambda;
        if (d.deserializer != null) {
            try {
                lambda = d.deserializer.invoke(null, form);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        } else {
            lambda = throughSerialization(form);
        }
        if (!d.directTried) {
            d.directTried = true;
            d.direct = constructorOf(lambda.getClass(), captured.length);
        }
        return lambda;
    }

    /**
     * The one constructor of lambda class {@code type}, taking {@code arity} values, as a handle
     * of type {@code (Object[])Object}; null if there is no such constructor or this library may
     * not call it (then every lambda of the shape is made through deserialization).
     */
    private static MethodHandle constructorOf(Class<?> type, int arity) {
        Constructor<?>[] constructors = type.getDeclaredConstructors();
        if (!type.isHidden() || constructors.length != 1 || constructors[0].getParameterCount() != arity) {
            return null;
        }
        try {
            LambdaRebuilder.class.getModule().addReads(type.getModule());
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
            MethodHandle constructor = lookup.unreflectConstructor(constructors[0]);
            return constructor.asSpreader(Object[].class, arity).asType(MethodType.methodType(Object.class, Object[].class));
        } catch (IllegalAccessException | RuntimeException e) {
            return null;
        }
    }

    private static Object throughSerialization(SerializedLambda form) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(PoolValues.javaSerialized(form)))) {
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
