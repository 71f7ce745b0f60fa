package org.nativeipc.torture;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.nativeipc.internal.memory.RegionHandle;

/** The {@code main} of a host process: one thread per role, until the ledger says stop. */
final class Host {
    private Host() {
    }

    static void run(RegionHandle ledgerHandle, List<Rig.Role> roles, long seed) throws InterruptedException {
        Ledger ledger = Ledger.attach(ledgerHandle);
        List<Thread> threads = new ArrayList<>();
        for (Rig.Role role : roles) {
            Thread thread = new Thread(() -> {
                try {
                    role.run(ledger, new Random(seed * 1_000_003 + role.slot));
                } catch (Throwable t) {
                    ledger.addRig(role.rig.index, Rig.ERRORS, 1);
                    System.err.println("torture " + role + " failed in pid " + ProcessHandle.current().pid() + ":");
                    t.printStackTrace();
                }
            }, "torture-" + role);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
