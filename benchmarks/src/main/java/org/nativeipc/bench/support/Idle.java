package org.nativeipc.bench.support;

/**
 * The idle strategy of every peer side that finds nothing to do (an empty or full ring): spin
 * briefly, then yield the core. On a 2-core machine a third busy spinner slows everyone, so
 * idle sides must yield (see PLATFORM-FACTS "Measuring on this machine").
 */
public final class Idle {
    /** Failed attempts spent spinning before yielding. */
    public static final int SPINS_BEFORE_YIELD = 100;

    private Idle() {
    }

    /** Idles after the {@code attempt}-th consecutive failure (counting from 1). */
    public static void idle(int attempt) {
        if (attempt < SPINS_BEFORE_YIELD) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
    }
}
