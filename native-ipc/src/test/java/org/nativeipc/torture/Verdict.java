package org.nativeipc.torture;

import java.util.ArrayList;
import java.util.List;

/** What a torture run found: failures (each one fails the run) and figures worth printing. */
final class Verdict {
    private final List<String> failures = new ArrayList<>();
    private final List<String> figures = new ArrayList<>();
    private long messagesChecked;

    synchronized void fail(String what) {
        failures.add(what);
        System.out.println("torture FAILURE: " + what);
    }

    /** Fails with {@code what} unless {@code ok}. */
    void check(boolean ok, String what) {
        if (!ok) {
            fail(what);
        }
    }

    synchronized void figure(String line) {
        figures.add(line);
    }

    synchronized void messagesChecked(long n) {
        messagesChecked += n;
    }

    synchronized long messagesChecked() {
        return messagesChecked;
    }

    synchronized boolean passed() {
        return failures.isEmpty();
    }

    synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    synchronized List<String> figures() {
        return List.copyOf(figures);
    }
}
