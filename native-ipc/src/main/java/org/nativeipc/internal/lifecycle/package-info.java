/**
 * The life of native-ipc's shared objects as a whole: what happens to them, and in which order,
 * when the process exits ({@link org.nativeipc.internal.lifecycle.ExitSequence}). Not public API.
 */
package org.nativeipc.internal.lifecycle;
