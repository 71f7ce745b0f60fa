package org.nativeipc.torture;

import static org.nativeipc.torture.Ledger.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.nativeipc.queue.JoinableSharedQueue;
import org.nativeipc.queue.SharedQueue;

/**
 * Producers and consumers of one queue (SPSC, MPMC or joinable). Every message is a sequence
 * number of its producer's range; the ledger counts each one's takes. At the end every number
 * a producer started must have been taken exactly once, except the one in the hands of a killed
 * producer, and at most one per killed consumer (taken, then lost with its process).
 */
final class QueueRig extends Rig {
    private static final long serialVersionUID = 1L;
    private static final long WAIT_MILLIS = 100;
    /** Longest pause of a producer between messages (keeps the machine usable). */
    private static final long MAX_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(600);

    private final SharedQueue<Long> queue;
    private final int carrier;
    private final int producers;
    private final int consumers;
    private final long rangePerProducer;
    private final List<Role> roles = new ArrayList<>();
    private transient Set<Long> inKilledProducersHands;
    private transient int producerKills;
    private transient int consumerKills;

    QueueRig(String name, int index, SharedQueue<Long> queue, int carrier, int producers, int consumers, int seqsPerCarrier) {
        super(name, index);
        this.queue = queue;
        this.carrier = carrier;
        this.producers = producers;
        this.consumers = consumers;
        this.rangePerProducer = seqsPerCarrier / producers;
        for (int p = 0; p < producers; p++) {
            roles.add(new Producer(this, p));
        }
        for (int c = 0; c < consumers; c++) {
            roles.add(new Consumer(this));
        }
        this.inKilledProducersHands = ConcurrentHashMap.newKeySet();
    }

    @Override
    List<Role> roles() {
        return roles;
    }

    private boolean joinable() {
        return queue instanceof JoinableSharedQueue;
    }

    private static final class Producer extends Role {
        private static final long serialVersionUID = 1L;
        final int number;

        Producer(QueueRig rig, int number) {
            super(rig, "producer " + number);
            this.number = number;
        }

        long base() {
            return number * ((QueueRig) rig).rangePerProducer;
        }

        @Override
        void run(Ledger ledger, Random random) throws Exception {
            QueueRig q = (QueueRig) rig;
            while (!ledger.stopped()) {
                long next = ledger.role(slot, NEXT);
                if (next >= q.rangePerProducer) {
                    Thread.sleep(WAIT_MILLIS); // range used up (a long run): nothing more to send
                    continue;
                }
                long seq = base() + next;
                boolean put = false;
                while (!put && !ledger.stopped()) {
                    put = q.queue.offer(seq, WAIT_MILLIS, TimeUnit.MILLISECONDS);
                }
                ledger.markSeq(q.carrier, seq, put ? PUT : WITHDRAWN);
                ledger.setRole(slot, NEXT, next + 1);
                if (put) {
                    ledger.addRig(q.index, OPS, 1);
                }
                LockSupport.parkNanos(random.nextLong(MAX_PAUSE_NANOS));
            }
        }
    }

    private static final class Consumer extends Role {
        private static final long serialVersionUID = 1L;

        Consumer(QueueRig rig) {
            super(rig, "consumer");
        }

        @Override
        void run(Ledger ledger, Random random) throws Exception {
            QueueRig q = (QueueRig) rig;
            while (!ledger.stopped()) {
                Long seq = q.queue.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
                if (seq != null) {
                    q.taken(ledger, seq);
                }
            }
        }
    }

    private void taken(Ledger ledger, long seq) {
        ledger.markSeq(carrier, seq, TAKEN);
        if (queue instanceof JoinableSharedQueue<Long> joinable) {
            joinable.taskDone();
            ledger.markSeq(carrier, seq, TASK_DONE);
        }
        ledger.addRig(index, OPS, 1);
    }

    @Override
    void onKilled(Ledger ledger, Role role) {
        if (role instanceof Producer p) {
            long next = ledger.role(p.slot, NEXT);
            inKilledProducersHands.add(p.base() + next);
            ledger.setRole(p.slot, NEXT, next + 1); // the replacement starts after the number in the dead one's hands
            producerKills++;
        } else {
            consumerKills++;
        }
    }

    @Override
    void finish(Ledger ledger, Verdict verdict) throws Exception {
        for (Long seq; (seq = queue.poll()) != null; ) {
            taken(ledger, seq);
        }
        long checked = 0;
        long lostWithProducers = 0;
        long lostWithConsumers = 0;
        long duplicates = 0;
        for (Role role : roles) {
            if (!(role instanceof Producer p)) {
                continue;
            }
            long next = ledger.role(p.slot, NEXT);
            for (long s = 0; s < next; s++) {
                long seq = p.base() + s;
                int word = ledger.seq(carrier, seq);
                int takes = word & TAKEN_MASK;
                checked++;
                if (takes > 1) {
                    duplicates++;
                    verdict.fail(name + ": message " + seq + " was delivered " + takes + " times");
                } else if (takes == 0 && (word & WITHDRAWN) == 0) {
                    if (inKilledProducersHands.contains(seq)) {
                        lostWithProducers++;
                    } else if ((word & PUT) != 0) {
                        lostWithConsumers++;
                    } else {
                        verdict.fail(name + ": message " + seq + " was lost, though no killed process held it");
                    }
                }
            }
        }
        verdict.check(lostWithConsumers <= consumerKills, name + ": " + lostWithConsumers + " messages put were never taken,"
                + " more than the " + consumerKills + " killed consumers can have held");
        if (queue instanceof JoinableSharedQueue<Long> joinable) {
            long unfinished = joinable.unfinishedTasks();
            verdict.check(unfinished >= 0 && unfinished <= producerKills + consumerKills, name + ": " + unfinished
                    + " unfinished tasks after the drain, more than the " + (producerKills + consumerKills) + " kills explain");
        }
        verdict.messagesChecked(checked);
        verdict.figure(String.format("%s: %d messages checked, %d duplicates, %d producer and %d consumer kills; missing:"
                + " %d in killed producers' hands (taken or not yet sent), %d taken by killed consumers", name, checked,
                duplicates, producerKills, consumerKills, lostWithProducers, lostWithConsumers));
    }

    @Override
    void close() {
        queue.close();
    }
}
