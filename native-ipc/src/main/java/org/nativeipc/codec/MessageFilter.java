package org.nativeipc.codec;

import java.io.ObjectInputFilter;
import java.lang.reflect.Proxy;

/**
 * The {@link ObjectInputFilter} for Java-deserializing one message: the classes of a
 * {@link SerializationAllowList}, never a reflection proxy, and limits scaled to the message's
 * size, so that a small message cannot make the reader allocate or work much more than its
 * size. Remembers the first thing it refused, for the error message.
 */
final class MessageFilter implements ObjectInputFilter {
    private final SerializationAllowList allowList;
    private final long messageBytes;
    private final long maxArrayLength;
    private String refusal;

    MessageFilter(SerializationAllowList allowList, long messageBytes) {
        this.allowList = allowList;
        this.messageBytes = messageBytes;
        this.maxArrayLength = Math.max(messageBytes, SerializationAllowList.MIN_ARRAY_LIMIT);
    }

    @Override
    public Status checkInput(FilterInfo info) {
        Class<?> type = info.serialClass();
        if (type != null && Proxy.isProxyClass(type)) {
            return refuse("a reflection proxy (" + type.getName() + "), which is never deserialized");
        }
        if (type != null && !allowList.allows(type)) {
            Class<?> element = type;
            while (element.isArray()) {
                element = element.getComponentType();
            }
            return refuse("a " + type.getName() + ", " + allowList.refusalOf(element.getName()));
        }
        if (info.arrayLength() > maxArrayLength) {
            return refuse("an array of " + info.arrayLength() + " elements, more than its " + messageBytes + " bytes can hold");
        }
        if (info.depth() > SerializationAllowList.MAX_DEPTH) {
            return refuse("objects nested " + info.depth() + " deep, deeper than " + SerializationAllowList.MAX_DEPTH);
        }
        if (info.references() > messageBytes) {
            return refuse(info.references() + " object references, more than its " + messageBytes + " bytes can hold");
        }
        if (info.streamBytes() > messageBytes) {
            return refuse("more than its " + messageBytes + " bytes");
        }
        return type != null ? Status.ALLOWED : Status.UNDECIDED;
    }

    private Status refuse(String what) {
        if (refusal == null) {
            refusal = what;
        }
        return Status.REJECTED;
    }

    /** What was refused first (with how to allow it, for a class), or null. */
    String refusal() {
        return refusal;
    }
}
