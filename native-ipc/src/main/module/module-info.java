/**
 * Python's {@code multiprocessing} for the JVM: child JVMs ({@link org.nativeipc.process}),
 * locks and friends ({@link org.nativeipc.sync}), queues and pipes ({@link org.nativeipc.queue})
 * and how objects travel through them ({@link org.nativeipc.codec}), and a process pool
 * ({@link org.nativeipc.pool}), over memory-mapped files and POSIX primitives.
 */
@SuppressWarnings("requires-automatic") // jnr-ffi and jnr-constants have no module-info
module org.nativeipc {
    requires org.jnrproject.ffi;
    requires org.jnrproject.constants;
    // jnr-ffi generates its native-call classes with ASM, but as an automatic module it cannot
    // say so: without this, org.objectweb.asm is not resolved on the module path.
    requires org.objectweb.asm;
    // sun.misc.Signal: the child's handlers for SIGTERM, SIGINT and SIGHUP, and Signals.handle.
    requires jdk.unsupported;

    exports org.nativeipc.process;
    exports org.nativeipc.sync;
    exports org.nativeipc.queue;
    exports org.nativeipc.codec;
    exports org.nativeipc.shared;
    exports org.nativeipc.pool;

    // Not API, and not exported. Opened (which counts as exported at run time, not at compile
    // time) because jnr-ffi implements the LibC interface with a class it defines in an unnamed
    // module of its own class loader, which a qualified export or opens cannot name.
    opens org.nativeipc.internal.posix;
}
