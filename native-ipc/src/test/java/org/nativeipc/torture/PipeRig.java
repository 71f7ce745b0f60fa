package org.nativeipc.torture;

import static org.nativeipc.torture.Ledger.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.nativeipc.internal.memory.RegionHandle;
import org.nativeipc.process.ChildProcess;
import org.nativeipc.queue.Connection;
import org.nativeipc.queue.EndOfStreamException;
import org.nativeipc.queue.Pipe;

/**
 * A one-way pipe between a sender and a receiver process, round after round. Killing either
 * ends the round: the other must notice (a receiver drains what was sent, then gets the end of
 * the stream; a sender gets a broken pipe) within a bound, and a new pipe and pair take over.
 * Checked: what was sent in a round whose receiver lived arrives exactly once (only the
 * message in a killed sender's hands may miss); nothing arrives twice.
 */
final class PipeRig extends Rig {
    private static final long serialVersionUID = 1L;
    private static final int BUFFER_BYTES = 4096;
    /** How long the surviving end may take to notice that its peer ended. */
    private static final Duration WAKE_BOUND = Duration.ofSeconds(60);
    private static final long POLL_MILLIS = 20;
    private static final long MAX_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(600);

    private final int carrier;
    private final long range;
    private final List<Role> roles = new ArrayList<>();
    private transient Set<Long> inKilledSendersHands;
    private transient List<long[]> rounds;
    private transient int senderKills;
    private transient int receiverKills;
    private transient long longestWakeMillis;

    PipeRig(int index, int carrier, int seqsPerCarrier) {
        super("pipe", index);
        this.carrier = carrier;
        this.range = seqsPerCarrier;
        this.roles.add(new SenderSlot(this)); // reserves the ledger slot of the sender's next number
        this.inKilledSendersHands = ConcurrentHashMap.newKeySet();
        this.rounds = new ArrayList<>();
    }

    /** No roles in hosts: the pipe's ends get processes of their own, see {@link #supervise}. */
    @Override
    List<Role> roles() {
        return roles;
    }

    /** Holds the sender's ledger slot; never run in a host. */
    private static final class SenderSlot extends Role {
        private static final long serialVersionUID = 1L;

        SenderSlot(PipeRig rig) {
            super(rig, "sender");
        }

        @Override
        void run(Ledger ledger, Random random) {
            throw new UnsupportedOperationException("the pipe's ends run in processes of their own");
        }
    }

    int senderSlot() {
        return roles.get(0).slot;
    }

    /** Runs rounds until the driver stops; each round a new pipe and a new pair of processes. */
    void supervise(TortureDriver driver) throws InterruptedException {
        Ledger ledger = driver.ledger();
        RegionHandle ledgerHandle = ledger.handle();
        int slot = senderSlot();
        int carrierIndex = carrier;
        int rigIndex = index;
        long limit = range;
        for (int round = 0; !driver.stopping(); round++) {
            long seed = driver.seed() * 31 + round;
            try (Pipe pipe = Pipe.openOneWay(BUFFER_BYTES)) {
                Connection reader = pipe.left();
                Connection writer = pipe.right();
                long from = ledger.role(slot, NEXT);
                ChildProcess sender = driver.startVictim("pipe-sender-" + round,
                        () -> send(Ledger.attach(ledgerHandle), writer, slot, carrierIndex, rigIndex, limit, new Random(seed)));
                ChildProcess receiver = driver.startVictim("pipe-receiver-" + round,
                        () -> receive(Ledger.attach(ledgerHandle), reader, carrierIndex, rigIndex));
                while (sender.isAlive() && receiver.isAlive()) {
                    Thread.sleep(POLL_MILLIS);
                }
                long firstEnded = System.nanoTime();
                for (ChildProcess end : List.of(sender, receiver)) {
                    if (!end.join(WAKE_BOUND)) {
                        driver.verdict().fail(name + ": " + end.name() + " did not notice within " + WAKE_BOUND
                                + " that the other end of its pipe ended (killed: it was wedged)");
                        end.kill();
                        end.join();
                    }
                }
                longestWakeMillis = Math.max(longestWakeMillis, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - firstEnded));
                boolean receiverKilled = driver.retire(receiver);
                if (driver.retire(sender)) {
                    long next = ledger.role(slot, NEXT);
                    inKilledSendersHands.add(next);
                    ledger.setRole(slot, NEXT, next + 1);
                    senderKills++;
                }
                if (receiverKilled) {
                    receiverKills++;
                }
                rounds.add(new long[] {from, ledger.role(slot, NEXT), receiverKilled ? 1 : 0});
            }
        }
    }

    private static void send(Ledger ledger, Connection writer, int slot, int carrier, int rig, long limit, Random random)
            throws InterruptedException {
        try {
            while (!ledger.stopped()) {
                long next = ledger.role(slot, NEXT);
                if (next >= limit) {
                    Thread.sleep(POLL_MILLIS);
                    continue;
                }
                writer.send(next);
                ledger.markSeq(carrier, next, PUT);
                ledger.setRole(slot, NEXT, next + 1);
                ledger.addRig(rig, OPS, 1);
                LockSupport.parkNanos(random.nextLong(MAX_PAUSE_NANOS));
            }
            writer.close(); // the receiver drains, then sees the end
        } catch (EndOfStreamException receiverGone) {
            // the receiver's process died: the round is over
        }
    }

    private static void receive(Ledger ledger, Connection reader, int carrier, int rig) {
        try {
            while (true) {
                long seq = (Long) reader.recv();
                ledger.markSeq(carrier, seq, TAKEN);
                ledger.addRig(rig, OPS, 1);
            }
        } catch (EndOfStreamException senderGone) {
            // the sender closed its end or died, and everything sent was received
        }
    }

    @Override
    void finish(Ledger ledger, Verdict verdict) {
        long checked = 0;
        long lostInDeadPipes = 0;
        long lostWithSenders = 0;
        long duplicates = 0;
        for (long[] round : rounds) {
            for (long seq = round[0]; seq < round[1]; seq++) {
                int word = ledger.seq(carrier, seq);
                int takes = word & TAKEN_MASK;
                checked++;
                if (takes > 1) {
                    duplicates++;
                    verdict.fail(name + ": message " + seq + " was received " + takes + " times");
                } else if (takes == 0 && (word & WITHDRAWN) == 0) {
                    if (inKilledSendersHands.contains(seq)) {
                        lostWithSenders++;
                    } else if (round[2] != 0) {
                        lostInDeadPipes++; // sent into the pipe of a receiver that was killed
                    } else {
                        verdict.fail(name + ": message " + seq + " was sent into a pipe whose receiver lived, and never arrived");
                    }
                }
            }
        }
        verdict.messagesChecked(checked);
        verdict.figure(String.format("%s: %d rounds, %d messages checked, %d duplicates, %d sender and %d receiver kills;"
                + " missing: %d in killed senders' hands, %d in killed receivers' pipes; longest wait for the surviving end %d ms",
                name, rounds.size(), checked, duplicates, senderKills, receiverKills, lostWithSenders, lostInDeadPipes,
                longestWakeMillis));
    }

    @Override
    void close() {
        // each round's pipe is closed when the round ends
    }
}
