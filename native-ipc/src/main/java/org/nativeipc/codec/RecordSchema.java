package org.nativeipc.codec;

import static java.lang.invoke.MethodType.methodType;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A record class: written as its components in declaration order, read back through its
 * canonical constructor, the only code of the class that decoding runs.
 *
 * <p>Both directions are one method handle each, built once per class from the accessors and
 * the canonical constructor: writing is the component writers folded in order,
 * {@code (Object, CodecOutput)void}; reading folds the component readers, in order, into the
 * constructor's arguments, {@code (ValueReader)Object}. No reflection per message, no boxing of
 * primitive components.
 */
final class RecordSchema extends TypeSchema {
    private static final MethodHandles.Lookup OWN = MethodHandles.lookup();

    private final RecordComponent[] components;
    private MethodHandle writer;
    private MethodHandle reader;

    RecordSchema(Class<?> type) {
        super(type, declarationOf(type));
        this.components = type.getRecordComponents();
    }

    private static String declarationOf(Class<?> type) {
        return type.getName() + Arrays.stream(type.getRecordComponents())
                .map(c -> Schemas.typeText(c.getGenericType()) + " " + c.getName())
                .collect(Collectors.joining(",", "(", ")"));
    }

    /** The record and enum classes the components name directly (their shapes are part of this one). */
    List<Class<?>> namedTypes() {
        return Arrays.stream(components).map(RecordComponent::getType).filter(Schemas::isStructured).collect(Collectors.toList());
    }

    /** Builds the handles, once every schema this one names exists. */
    void link(Function<Class<?>, TypeSchema> schemas) {
        MethodHandles.Lookup lookup = Schemas.lookupFor(type);
        Class<?>[] types = new Class<?>[components.length];
        MethodHandle write = MethodHandles.empty(methodType(void.class, Object.class, CodecOutput.class));
        MethodHandle read;
        try {
            for (int i = components.length - 1; i >= 0; i--) {
                RecordComponent c = components[i];
                types[i] = c.getType();
                MethodHandle accessor = lookup.unreflect(c.getAccessor()).asType(methodType(c.getType(), Object.class));
                MethodHandle componentWriter = MethodHandles.filterArguments(writerFor(c, schemas), 1, accessor);
                write = MethodHandles.foldArguments(write, MethodHandles.permuteArguments(componentWriter,
                        methodType(void.class, Object.class, CodecOutput.class), 1, 0));
            }
            read = lookup.findConstructor(type, methodType(void.class, types)).asType(methodType(Object.class, types));
            read = MethodHandles.dropArguments(read, types.length, ValueReader.class);
            for (int i = components.length - 1; i >= 0; i--) {
                read = MethodHandles.foldArguments(read, i, readerFor(components[i], schemas));
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot use record " + type.getName() + ": " + e.getMessage()
                    + "; make it accessible to org.nativeipc (a public record, or a package open to it)", e);
        }
        this.writer = write;
        this.reader = read;
    }

    /** {@code (CodecOutput, T)void} for component type T. */
    private MethodHandle writerFor(RecordComponent c, Function<Class<?>, TypeSchema> schemas) throws ReflectiveOperationException {
        Class<?> t = c.getType();
        if (t.isPrimitive()) {
            return OWN.findStatic(ValueWriter.class, "writeRaw", methodType(void.class, CodecOutput.class, t));
        }
        if (t == String.class) {
            return OWN.findStatic(ValueWriter.class, "writeString", methodType(void.class, CodecOutput.class, String.class));
        }
        MethodHandle h = Schemas.isStructured(t)
                ? OWN.findStatic(ValueWriter.class, "writeNested", methodType(void.class, TypeSchema.class, CodecOutput.class, Object.class))
                        .bindTo(schemas.apply(t))
                : OWN.findStatic(ValueWriter.class, "write", methodType(void.class, CodecOutput.class, Object.class));
        return h.asType(methodType(void.class, CodecOutput.class, t));
    }

    /** {@code (ValueReader)T} for component type T. */
    private MethodHandle readerFor(RecordComponent c, Function<Class<?>, TypeSchema> schemas) throws ReflectiveOperationException {
        Class<?> t = c.getType();
        if (t.isPrimitive()) {
            String name = "raw" + Character.toUpperCase(t.getName().charAt(0)) + t.getName().substring(1);
            return OWN.findVirtual(ValueReader.class, name, methodType(t));
        }
        if (t == String.class) {
            return OWN.findVirtual(ValueReader.class, "stringOrNull", methodType(String.class));
        }
        MethodHandle h = Schemas.isStructured(t)
                ? MethodHandles.insertArguments(OWN.findVirtual(ValueReader.class, "nested", methodType(Object.class, TypeSchema.class)),
                        1, schemas.apply(t))
                : OWN.findVirtual(DeclaredType.class, "read", methodType(Object.class, ValueReader.class))
                        .bindTo(new DeclaredType(type, c));
        return h.asType(methodType(t, ValueReader.class));
    }

    @Override
    void writeBody(Object value, CodecOutput out) {
        try {
            writer.invokeExact(value, out);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException("accessor of " + type.getName() + " threw " + impossible, impossible);
        }
    }

    @Override
    Object readBody(ValueReader in) {
        try {
            return (Object) reader.invokeExact(in);
        } catch (CodecException e) {
            throw e;
        } catch (Throwable e) {
            throw new CodecException("the canonical constructor of " + type.getName() + " refused the message's values: " + e, e);
        }
    }
}
