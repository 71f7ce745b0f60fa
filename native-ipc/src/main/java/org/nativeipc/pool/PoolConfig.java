package org.nativeipc.pool;

import java.nio.channels.Channel;
import java.util.List;

import org.nativeipc.codec.SerializationAllowList;
import org.nativeipc.process.ProcessTask;

/**
 * A pool's settings, as its builder left them.
 *
 * @param name the pool's name; workers are named {@code <name>-worker-<n>}
 * @param processes how many workers it keeps
 * @param initializer what each worker runs once before its first task (or null)
 * @param maxTasksPerChild tasks after which a worker is replaced (0: never)
 * @param jvmOptions options for the workers' JVMs
 * @param ringBytes bytes of each ring between the parent and a worker (a power of two)
 * @param allowList what results may deserialize to, before the packages of submitted tasks are added
 * @param inheritedChannel the socket every worker gets as its {@code System.inheritedChannel()} (or null)
 */
record PoolConfig(String name, int processes, ProcessTask initializer, int maxTasksPerChild, List<String> jvmOptions,
                  int ringBytes, SerializationAllowList allowList, Channel inheritedChannel) {
}
