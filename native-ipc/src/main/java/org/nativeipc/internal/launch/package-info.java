/**
 * How the library's own child tasks travel to a child JVM as a few bytes rather than by Java
 * serialization ({@link org.nativeipc.internal.launch.BinaryTask}). Not public API.
 */
package org.nativeipc.internal.launch;
