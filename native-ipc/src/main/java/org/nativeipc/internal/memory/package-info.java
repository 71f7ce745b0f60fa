/**
 * Shared regions: memory-mapped files in the shared-memory folder with a validated header
 * ({@link org.nativeipc.internal.memory.SharedRegion},
 * {@link org.nativeipc.internal.memory.RegionHeaderLayout}), anonymous or published under a
 * name, where they live and how leftovers of dead creators are found
 * ({@link org.nativeipc.internal.memory.RegionFolder}), and the data a region's handle carries
 * ({@link org.nativeipc.internal.memory.RegionHandle}). The objects built on regions have one
 * lifecycle in {@link org.nativeipc.internal.object}. Not public API.
 */
package org.nativeipc.internal.memory;
