package org.nativeipc.examples.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nativeipc.examples.ExampleRunner;

/**
 * The seed's shared-dict examples (§12), run as a user runs them. The countdowns run with 10
 * children here, not the seed's 100, to keep the build short on a loaded machine; the count
 * starts at the number of children, so "exactly 0" is the same check.
 */
class SharedExamplesTest {
    private static final String CHILDREN = "10";
    private static final Duration COUNTDOWN_TIMEOUT = Duration.ofMinutes(5);

    @Test
    void tenChildrenWriteIntoTheSharedDict() {
        List<String> lines = ExampleRunner.run(DictFromChildren.class).assertSucceeded().lines();
        assertEquals(List.of("{0=100, 1=100, 2=100, 3=100, 4=100, 5=100, 6=100, 7=100, 8=100, 9=100}"), lines);
    }

    @Test
    void underTheLockTheCountEndsAtExactlyZero() {
        List<String> lines = ExampleRunner.run(COUNTDOWN_TIMEOUT, CountdownUnderLock.class, CHILDREN).assertSucceeded().lines();
        assertEquals(List.of("{count=0}"), lines);
    }

    @Test
    void withASharedLongTheCountEndsAtExactlyZero() {
        List<String> lines = ExampleRunner.run(COUNTDOWN_TIMEOUT, CountdownWithSharedLong.class, CHILDREN).assertSucceeded().lines();
        assertEquals(List.of("count: 0"), lines);
    }

    /** Deterministic: every child reads before any writes (a barrier), so all write the same value. */
    @Test
    void withoutTheLockUpdatesAreLost() {
        List<String> lines = ExampleRunner.run(COUNTDOWN_TIMEOUT, CountdownWithoutLock.class, "4").assertSucceeded().lines();
        assertEquals(List.of("{count=3}"), lines, "4 children each decremented once, but all wrote 4 - 1");
    }
}
