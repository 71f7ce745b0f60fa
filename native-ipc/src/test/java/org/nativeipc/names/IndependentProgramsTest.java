package org.nativeipc.names;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nativeipc.internal.memory.RegionFolder;
import org.nativeipc.queue.SharedQueue;
import org.nativeipc.testing.Polling;
import org.nativeipc.testing.TestNames;
import org.nativeipc.testing.Programs;
import org.nativeipc.testing.Programs.Program;

/**
 * Named objects between programs started on their own (plain {@code java -cp} JVMs, no
 * {@code ChildProcess}): the way services use them.
 */
class IndependentProgramsTest {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final int RACERS = 4;

    @TempDir
    Path dir;

    @RegisterExtension
    final TestNames names = new TestNames();

    @Test
    void aProducerAndAConsumerMeetOnANamedQueue() {
        String orders = names.next("orders");
        int count = 500;
        try (Programs programs = new Programs(dir)) {
            Program consumer = programs.start(NamedPrograms.class, "consume", orders, Integer.toString(count));
            Program producer = programs.start(NamedPrograms.class, "produce", orders, Integer.toString(count));
            assertTrue(producer.awaitExit(0).contains("produced"));
            assertTrue(consumer.awaitExit(0).contains("sum " + (long) count * (count + 1) / 2), "every element once");
        }
        assertTrue(Files.exists(RegionFolder.namedPath(orders)), "the queue outlives both programs until unlinked");
        assertTrue(SharedQueue.unlink(orders));
    }

    @Test
    void aNamedLockGuardsACounterInTwoPrograms() throws Exception {
        String lock = names.next("counter-lock");
        Path counter = dir.resolve("counter");
        Files.writeString(counter, "0");
        int times = 300;
        try (Programs programs = new Programs(dir)) {
            Program a = programs.start(NamedPrograms.class, "count", lock, counter.toString(), Integer.toString(times));
            Program b = programs.start(NamedPrograms.class, "count", lock, counter.toString(), Integer.toString(times));
            a.awaitExit(0);
            b.awaitExit(0);
        }
        assertEquals(2 * times, Long.parseLong(Files.readString(counter).trim()), "no increment lost: the lock excluded");
    }

    @Test
    void openingAMissingNameFailsWithTheFix() {
        String missing = names.next("missing");
        try (Programs programs = new Programs(dir)) {
            String output = programs.start(NamedPrograms.class, "open", missing).awaitExit(1);
            assertTrue(output.contains("no shared object named '" + missing + "'"), output);
            assertTrue(output.contains(RegionFolder.folder().toString()), output);
            assertTrue(output.contains("SharedQueue.builder().name(\"" + missing + "\")"), output);
        }
        assertFalse(Files.exists(RegionFolder.namedPath(missing)), "opening creates nothing");
    }

    @Test
    void racingOpenOrCreateEndsOnOneObject() throws Exception {
        String race = names.next("race");
        Path gate = dir.resolve("gate");
        try (Programs programs = new Programs(dir)) {
            List<Program> racers = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                racers.add(programs.start(NamedPrograms.class, "race", gate.toString(), race));
            }
            Thread.sleep(READY_TIMEOUT.toMillis() / 60); // most JVMs are up and polling the gate by now
            Files.writeString(gate, "go");
            Set<Long> pids = new HashSet<>();
            for (Program racer : racers) {
                racer.awaitExit(0);
                pids.add(racer.process().pid());
            }
            try (SharedQueue<Long> q = SharedQueue.open(race)) {
                Set<Long> seen = new HashSet<>();
                for (int i = 0; i < RACERS; i++) {
                    Long pid = q.poll(10, TimeUnit.SECONDS);
                    assertNotNull(pid, "every racer put its pid into the one queue; missing after " + seen);
                    seen.add(pid);
                }
                assertEquals(pids, seen);
                assertNull(q.poll(), "nothing else");
            }
        }
    }

    @Test
    void unlinkWhileAttachedLetsTheHolderWorkOnAndFreesTheName() throws Exception {
        String held = names.next("held");
        Path go = dir.resolve("go");
        try (Programs programs = new Programs(dir)) {
            Program holder = programs.start(NamedPrograms.class, "hold", held, go.toString());
            Polling.awaitTrue("the holder to create " + held, READY_TIMEOUT, () -> Polling.read(holder.output()).contains("ready"));
            assertTrue(SharedQueue.unlink(held));
            assertFalse(Files.exists(RegionFolder.namedPath(held)), "the name is gone at once");
            String refused = programs.start(NamedPrograms.class, "open", held).awaitExit(1);
            assertTrue(refused.contains("no shared object named"), refused);
            Files.writeString(go, "go");
            assertTrue(holder.awaitExit(0).contains("took 1 2"), "the holder kept using the unlinked queue");
        }
    }
}
