package org.nativeipc.testing;

/**
 * A system property set for the length of a try block, then restored:
 * {@code try (TemporaryProperty p = TemporaryProperty.set("key", "value")) { ... }}. Children
 * started meanwhile receive {@code nativeipc.*} properties too.
 */
public final class TemporaryProperty implements AutoCloseable {
    private final String key;
    private final String previous;

    private TemporaryProperty(String key, String previous) {
        this.key = key;
        this.previous = previous;
    }

    /** Sets {@code key} to {@code value} until {@link #close()}. */
    public static TemporaryProperty set(String key, String value) {
        return new TemporaryProperty(key, System.setProperty(key, value));
    }

    @Override
    public void close() {
        if (previous == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, previous);
        }
    }
}
