package org.nativeipc.queue;

import java.util.Objects;

/** The argument checks of the {@link MessageRing} operations, and the refusals of misused zero-copy claims. */
final class RingChecks {
    private RingChecks() {
    }

    /** Checks that the range is inside {@code source} and at most {@code maxMessageBytes} long. */
    static void checkMessage(byte[] source, int offset, int length, int maxMessageBytes, AbstractRing ring) {
        Objects.requireNonNull(source, "message");
        Objects.checkFromIndexSize(offset, length, source.length);
        if (length > maxMessageBytes) {
            throw new IllegalArgumentException("message of " + length + " bytes is larger than the " + maxMessageBytes
                    + " bytes a message may have in " + ring.name() + ": send smaller messages or create the ring with a larger maximum");
        }
    }

    /** Checks a handler and a batch limit of the reads that hand messages over in place. */
    static void checkHandler(Object handler, int limit) {
        Objects.requireNonNull(handler, "handler");
        if (limit < 1) {
            throw new IllegalArgumentException("limit " + limit + " must be at least 1");
        }
    }

    /** Checks the length of a zero-copy claim against the ring's {@link MessageRing#maxClaimBytes()}. */
    static void checkClaim(int length, int maxClaimBytes, AbstractRing ring) {
        if (length < 0 || length > maxClaimBytes) {
            throw new IllegalArgumentException("a claim of " + length + " bytes is outside the 0 to " + maxClaimBytes
                    + " bytes a claim may have in " + ring.name() + " (maxClaimBytes()): write larger messages with offer or put");
        }
    }

    /** The refusal of a claim or write while the current thread's claim at {@code openIndex} is open. */
    static IllegalStateException claimOpen(int openIndex, AbstractRing ring) {
        return new IllegalStateException(ring.name() + " has a claim open at index " + openIndex + " in this thread: commit or"
                + " abort it before claiming or writing again");
    }

    /**
     * The refusal of a commit or abort of {@code index}, which the current thread has not claimed
     * ({@code openIndex}: the index of its open claim, or -1).
     */
    static IllegalStateException noClaim(int index, int openIndex, AbstractRing ring) {
        return new IllegalStateException("thread \"" + Thread.currentThread().getName() + "\" has no claim open at index " + index
                + " of " + ring.name() + (openIndex < 0 ? "" : " (its open claim is at index " + openIndex + ")")
                + ": a claim is committed or aborted once, by the thread that claimed it, with the index tryClaim returned");
    }
}
