package org.nativeipc.internal.liveness;

import static org.junit.jupiter.api.Assertions.*;
import static org.nativeipc.testing.ChildAssertions.assertExitCode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nativeipc.internal.posix.LockableFile;
import org.nativeipc.internal.posix.Posix;
import org.nativeipc.process.ChildProcess;
import org.nativeipc.testing.Polling;
import org.nativeipc.testing.ProcessStates;
import org.nativeipc.testing.StartedChildren;

/** The liveness service: a process is dead only on proof, and every failure to look counts as alive. */
class LivenessTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final long FOREVER_MILLIS = 60_000;

    @TempDir
    Path dir;
    @RegisterExtension
    final StartedChildren children = new StartedChildren();

    @Test
    void thisProcessHoldsItsRecordAndClosingAnotherDescriptorOfItKeepsTheLock() {
        long me = Liveness.self();
        assertNotEquals(Liveness.NOBODY, me);
        assertEquals(me, Liveness.self(), "one token for the life of the process");
        Path record = Liveness.folder().resolve(RecordNames.of(me));
        assertTrue(Files.isRegularFile(record), "the record " + record);
        assertTrue(Liveness.isAlive(me));
        assertEquals(ProcessHandle.current().pid(), Liveness.pidOf(me));
        assertEquals("pid " + ProcessHandle.current().pid(), Liveness.describe(me));
        for (int i = 0; i < 2; i++) {
            // Another open file description of the record can take no lock; closing it (twice)
            // must not drop this process's own lock, as closing would drop an fcntl record lock.
            try (LockableFile other = LockableFile.open(record, false)) {
                assertFalse(other.tryLockShared(), "the record must stay locked while this process lives");
            }
        }
        assertTrue(ProcessRecord.read(record).isPresent(), "reading the record (another descriptor) is harmless too");
        assertTrue(Liveness.isAlive(me));
    }

    @Test
    void aKilledProcessIsDeadAtOnceAndItsRecordIsRemoved() throws Exception {
        String report = dir.resolve("token").toString();
        ChildProcess child = start(new ChildProcess(() -> {
            Polling.appendLine(report, Long.toString(Liveness.self()));
            Thread.sleep(FOREVER_MILLIS);
        }));
        long token = Long.parseLong(Polling.awaitFileLine(Path.of(report), WAIT).trim());
        assertTrue(Liveness.isAlive(token));
        assertEquals("pid " + child.pid(), Liveness.describe(token));
        child.kill();
        assertExitCode(-9, child);
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(Liveness.ALIVE_TRUST_NANOS) + 1); // the "alive" just seen is trusted that long
        assertFalse(Liveness.isAlive(token), "a process killed and reaped is dead");
        assertFalse(Files.exists(Liveness.folder().resolve(RecordNames.of(token))), "the prover of death removes the record");
        assertEquals(child.pid(), Liveness.pidOf(token), "the pid of a dead process is still told in messages");
    }

    @Test
    void programsStartedByAProcessDoNotKeepItsRecordLocked() throws Exception {
        String report = dir.resolve("token").toString();
        ChildProcess child = start(new ChildProcess(() -> {
            long token = Liveness.self();
            Process sleeper = new ProcessBuilder("sleep", "60").start();
            Polling.appendLine(report, token + " " + sleeper.pid());
            Thread.sleep(FOREVER_MILLIS);
        }));
        String[] reported = Polling.awaitFileLine(Path.of(report), WAIT).trim().split(" ");
        long token = Long.parseLong(reported[0]);
        long sleeper = Long.parseLong(reported[1]);
        try {
            child.kill();
            assertExitCode(-9, child);
            assertTrue(ProcessStates.isRunning(sleeper), "the program the child started outlives it");
            assertFalse(Liveness.isAlive(token), "the record's descriptor is close-on-exec: no program started by"
                    + " the process may hold its lock");
        } finally {
            Posix.kill(sleeper, 9);
        }
    }

    @Test
    void aTokenWithoutARecordIsDeadAndNobodyIsNotAlive() {
        assertFalse(Liveness.isAlive(Liveness.NOBODY));
        long unknown = ThreadLocalRandom.current().nextLong() | 1;
        assertFalse(Liveness.isAlive(unknown), "only a prover of death removes a record: no record, no process");
        assertEquals("nobody", Liveness.describe(Liveness.NOBODY));
        assertEquals(-1, Liveness.pidOf(unknown));
    }

    @Test
    void aRecordThatCannotBeLookedAtCountsAsAlive() throws Exception {
        long token = ThreadLocalRandom.current().nextLong() | 1;
        Path record = Liveness.folder().resolve(RecordNames.of(token));
        Files.createSymbolicLink(record, dir.resolve("elsewhere"));
        try {
            assertTrue(Liveness.isAlive(token), "a record that cannot be opened (here a symbolic link) proves nothing");
            Liveness.removeDeadRecords();
            assertTrue(Files.isSymbolicLink(record), "nor may a scan remove it");
        } finally {
            Files.delete(record);
        }
    }

    @Test
    void theScanRemovesRecordsNobodyHoldsAndKeepsHeldOnes() throws Exception {
        long dead = ThreadLocalRandom.current().nextLong() | 1;
        long halfMade = ThreadLocalRandom.current().nextLong() | 1;
        long registering = ThreadLocalRandom.current().nextLong() | 1;
        Path deadRecord = Liveness.folder().resolve(RecordNames.of(dead));
        Path halfMadeRecord = Liveness.folder().resolve(RecordNames.ofNew(halfMade));
        Path registeringRecord = Liveness.folder().resolve(RecordNames.ofNew(registering));
        Files.writeString(deadRecord, ProcessRecord.current().format());
        Files.writeString(halfMadeRecord, "");
        try (LockableFile held = LockableFile.createNew(registeringRecord)) {
            assertTrue(held.tryLockExclusive());
            assertTrue(Liveness.removeDeadRecords() >= 2);
            assertFalse(Files.exists(deadRecord), "the record nobody holds is a dead process's");
            assertFalse(Files.exists(halfMadeRecord), "a half-made record nobody holds is left by a dead process");
            assertTrue(Files.exists(registeringRecord), "a half-made record its maker holds is kept");
            assertTrue(Files.exists(Liveness.folder().resolve(RecordNames.of(Liveness.self()))), "this process's own record is kept");
        } finally {
            Files.deleteIfExists(registeringRecord);
            Files.deleteIfExists(deadRecord);
            Files.deleteIfExists(halfMadeRecord);
        }
    }

    @Test
    void recordNamesRoundTripAndRejectOtherNames() {
        long token = 0x8000_0000_0000_00ffL;
        assertEquals("nipc-proc-80000000000000ff", RecordNames.of(token));
        assertEquals(token, RecordNames.tokenOf(RecordNames.of(token)));
        assertEquals(token, RecordNames.tokenOf(RecordNames.ofNew(token)));
        assertEquals(0, RecordNames.tokenOf("nipc-proc-12"));
        assertEquals(0, RecordNames.tokenOf("nipc-proc-zz000000000000ff"));
        assertEquals(0, RecordNames.tokenOf("nipc-0000000000000001-lock-1-ab"));
    }

    private ChildProcess start(ChildProcess child) {
        return children.track(child.start());
    }
}
