/**
 * Shared regions: named, memory-mapped files in the shared-memory folder with a validated
 * header ({@link org.nativeipc.internal.memory.SharedRegion},
 * {@link org.nativeipc.internal.memory.RegionHeaderLayout}), where they live and how leftovers
 * of dead creators are found ({@link org.nativeipc.internal.memory.RegionFolder}), and how a
 * shared object travels to another process as a handle
 * ({@link org.nativeipc.internal.memory.RegionHandle},
 * {@link org.nativeipc.internal.memory.AttachedObjects}). Not public API.
 */
package org.nativeipc.internal.memory;
