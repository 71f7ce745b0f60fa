/**
 * The one lifecycle of every shared object (locks, queues, pipes, shared state): create it
 * anonymous or named, attach to it by handle or by name, validate kind and layout version both
 * ways, close it, unlink a name, and describe its live state for the {@code nipc} tool — so
 * that each structure only adds what is its own. Not public API.
 *
 * <p>A structure declares an {@link org.nativeipc.internal.object.ObjectType} (its name, its
 * region layouts, how a region becomes its Java object, its creation arguments and live state),
 * creates and opens through {@link org.nativeipc.internal.object.SharedObjects}, keeps an
 * {@link org.nativeipc.internal.object.ObjectLife} for its closed flag and error wording, and
 * serializes as an {@link org.nativeipc.internal.object.ObjectHandle}.
 */
package org.nativeipc.internal.object;
