package app;

/** A class of the application that only the child uses: it must be on the child's class path. */
final class Greeting {
    private Greeting() {
    }

    static String from(String name) {
        return "hello from " + name;
    }
}
