package org.nativeipc.examples.shared;

import java.util.TreeMap;

import org.nativeipc.process.ChildProcess;
import org.nativeipc.shared.SharedMap;

/**
 * Seed §12, children writing into a shared dict: ten children each set {@code dic[i] = 100}, and
 * the parent sees all ten entries. Python needs a Manager (a server process the children talk to
 * over a socket); here the map is shared memory every process reads and writes directly.
 *
 * <pre>{@code
 * def task(arg, dic): dic[arg] = 100
 * m = multiprocessing.Manager(); dic = m.dict()
 * for i in range(10): p = Process(target=task, args=(i, dic)); p.start(); p.join()
 * print(dic)
 * }</pre>
 *
 * Prints {@code {0=100, 1=100, ..., 9=100}}.
 */
public final class DictFromChildren {
    private static final int CHILDREN = 10;

    private DictFromChildren() {
    }

    public static void main(String[] args) throws Exception {
        try (SharedMap<Integer, Integer> dic = SharedMap.create(CHILDREN)) {
            for (int i = 0; i < CHILDREN; i++) {
                int arg = i;
                ChildProcess p = new ChildProcess(() -> dic.put(arg, 100)).start();
                p.join();
            }
            System.out.println(new TreeMap<>(dic));
        }
    }
}
