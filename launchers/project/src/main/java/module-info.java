/** The application as a module, for the module-path launch. */
module app {
    requires org.nativeipc;
}
