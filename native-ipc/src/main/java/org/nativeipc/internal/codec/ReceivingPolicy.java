package org.nativeipc.internal.codec;

import org.nativeipc.codec.Codec;
import org.nativeipc.codec.DefaultCodec;
import org.nativeipc.codec.JavaSerializationCodec;
import org.nativeipc.codec.SerializationAllowList;

/**
 * The allow-list of the queue or pipe whose message this thread is decoding now, so that a
 * shared object arriving inside a message attaches under the receiver's policy, never under
 * the one its handle names: a message cannot widen what the receiving process decodes.
 *
 * <p>Handles deserialized outside a message (a child's task, from its parent) see no policy
 * here and keep the codec they carry, as the parent chose it.
 */
public final class ReceivingPolicy {
    private static final ThreadLocal<SerializationAllowList> CURRENT = new ThreadLocal<>();

    private ReceivingPolicy() {
    }

    /**
     * Marks this thread as decoding a message under {@code allowList} until the returned scope
     * is closed (scopes nest).
     *
     * @param allowList the receiving codec's allow-list
     * @return the scope to close when the message is decoded
     */
    public static Scope enter(SerializationAllowList allowList) {
        SerializationAllowList outer = CURRENT.get();
        CURRENT.set(allowList);
        return () -> {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        };
    }

    /**
     * The codec a handle arriving now should attach with: {@code named} itself outside a
     * message; inside one, a codec of the same kind reading only what the receiver's allow-list
     * allows (raw bytes and UTF-8 decode no classes and stay as they are; another codec class
     * could only have been decoded because the receiver's list allows it).
     *
     * @param named the codec the handle carries
     * @param <E> the element type
     * @return the codec to attach with
     */
    @SuppressWarnings("unchecked")
    public static <E> Codec<E> rebind(Codec<E> named) {
        SerializationAllowList receiver = CURRENT.get();
        if (receiver == null) {
            return named;
        }
        if (named instanceof DefaultCodec) {
            return (Codec<E>) new DefaultCodec(receiver);
        }
        if (named instanceof JavaSerializationCodec) {
            return new JavaSerializationCodec<>(receiver);
        }
        return named;
    }

    /** The end of a decoding scope. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        /** Restores the policy that was current before. */
        @Override
        void close();
    }
}
