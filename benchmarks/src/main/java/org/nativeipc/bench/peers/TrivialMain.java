package org.nativeipc.bench.peers;

/** The trivial program of the ProcessBuilder reference: prints one line and ends. */
public final class TrivialMain {
    private TrivialMain() {
    }

    public static void main(String[] args) {
        System.out.println("running");
    }
}
