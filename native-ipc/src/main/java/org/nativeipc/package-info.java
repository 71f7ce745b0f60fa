/** native-ipc: Python's multiprocessing for the JVM. */
package org.nativeipc;
