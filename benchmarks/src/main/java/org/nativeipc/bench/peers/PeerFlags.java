package org.nativeipc.bench.peers;

/**
 * JVM flags the peers need (see shared PLATFORM-FACTS.md). They go only into the peers' own
 * {@code @Fork(jvmArgsAppend = ...)} and their children's options, so native-ipc's benchmarks
 * run without them. JDK 17 flags: on JDK 25 Chronicle also wants
 * {@code --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow}.
 */
public final class PeerFlags {
    /** Agrona 2.x reaches jdk.internal.misc.Unsafe. */
    public static final String AGRONA = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";
    public static final String CHRONICLE_REFLECT = "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED";
    public static final String CHRONICLE_NIO = "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED";
    public static final String CHRONICLE_REF = "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED";
    /** Chronicle Map defines its generated classes through ClassLoader.defineClass ... */
    public static final String CHRONICLE_MAP_LANG = "--add-opens=java.base/java.lang=ALL-UNNAMED";
    /** ... which it compiles at run time with javac (its documented flags for Java 17+). */
    public static final String CHRONICLE_MAP_JAVAC_FILE = "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED";
    public static final String CHRONICLE_MAP_JAVAC = "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED";
    public static final String CHRONICLE_MAP_IO = "--add-opens=java.base/java.io=ALL-UNNAMED";
    public static final String CHRONICLE_MAP_UTIL = "--add-opens=java.base/java.util=ALL-UNNAMED";
    public static final String CHRONICLE_MAP_MISC = "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED";
    /** Chronicle phones home for usage analytics unless told not to (and the jar is excluded). */
    public static final String CHRONICLE_NO_ANALYTICS = "-Dchronicle.analytics.disable=true";
    /** Chronicle's banner and resource-tracing chatter off. */
    public static final String CHRONICLE_QUIET = "-Dchronicle.announcer.disable=true";

    static final String[] CHRONICLE_ALL = {CHRONICLE_REFLECT, CHRONICLE_NIO, CHRONICLE_REF, CHRONICLE_NO_ANALYTICS, CHRONICLE_QUIET};
    static final String[] CHRONICLE_MAP_ALL = {CHRONICLE_MAP_LANG, CHRONICLE_MAP_JAVAC_FILE, CHRONICLE_MAP_JAVAC, CHRONICLE_MAP_IO,
        CHRONICLE_MAP_UTIL, CHRONICLE_MAP_MISC, CHRONICLE_REFLECT, CHRONICLE_NIO, CHRONICLE_REF, CHRONICLE_NO_ANALYTICS,
        CHRONICLE_QUIET};

    private PeerFlags() {
    }
}
