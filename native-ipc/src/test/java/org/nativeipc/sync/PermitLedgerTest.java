package org.nativeipc.sync;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.nativeipc.internal.memory.RegionKind;
import org.nativeipc.internal.memory.SharedRegion;

/**
 * The permit bookkeeping on its own, where a whole-semaphore test would need dozens of
 * processes: a holder table full of dead processes.
 */
class PermitLedgerTest {
    /** A token no process has: its liveness record does not exist, which proves it dead. */
    private static final long DEAD_PROCESS = 0x5EED_DEAD_0000_0001L;

    @Test
    void aTakeThatFirstRecoversADeadHolderKeepsTheRecoveredPermits() {
        int slots = 1;
        SharedRegion region = SharedRegion.create(RegionKind.SEMAPHORE, SharedSemaphoreLayout.VERSION,
                SharedSemaphoreLayout.payloadBytes(slots), r -> PermitLedger.initialize(r, 2, false, slots));
        try {
            PermitLedger ledger = new PermitLedger(region, slots);
            ProcessTable table = new ProcessTable(region, SharedSemaphoreLayout.HOLDERS_OFFSET, slots);
            // The only slot: a dead process holding one of the two permits.
            region.putLong(SharedSemaphoreLayout.AVAILABLE_OFFSET, 1);
            region.putLong(table.ownerOffset(0), DEAD_PROCESS);
            region.putLong(table.countOffset(0), 1);

            assertEquals(1, ledger.take(1), "one permit taken, and it came from the dead holder");
            assertEquals(1, ledger.available(), "the dead holder's permit came back, then one was taken: "
                    + ledger.describeHolders());
            assertEquals(0, ledger.take(1), "the second permit is there too (not from a dead holder)");
            assertEquals(0, ledger.available());
            assertEquals(-1, ledger.take(1), "two permits in all");
        } finally {
            region.close();
        }
    }
}
