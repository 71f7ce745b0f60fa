package org.nativeipc.queue;

import static org.junit.jupiter.api.Assertions.*;
import static org.nativeipc.testing.ChildAssertions.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nativeipc.process.ChildProcess;

/**
 * SIGKILL of producers and consumers at random moments, in a loop, with replacements started
 * each time: the queue keeps working, nothing is delivered twice, per-producer order holds, and
 * the only messages lost are those the killed consumers had in hand (at most one each).
 */
class QueueCrashTest extends WithChildren {
    /** Kills of each side per run: modest, the machine has two cores. */
    private static final int KILLS_PER_SIDE = 3;
    /** Messages a victim must have handled before it is killed (so it dies mid-work). */
    private static final long PROGRESS_BEFORE_KILL = 200;
    /** Longest random delay after that progress before the kill. */
    private static final int MAX_KILL_DELAY_MILLIS = 40;
    /** How often a producer that has put all its messages looks for the stop. */
    private static final long IDLE_MILLIS = 10;

    @ParameterizedTest
    @EnumSource(QueueKinds.class)
    void killedProducersAndConsumersLoseOnlyWhatTheyHeld(QueueKinds kind) throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Scoreboard board = Scoreboard.create();
        int perSide = kind.singleProducer() ? 1 : 2;
        try (SharedQueue<Long> q = kind.builder(64).maxMessageBytes(64).build()) {
            List<ChildProcess> producers = new ArrayList<>();
            List<ChildProcess> retired = new ArrayList<>();
            List<ChildProcess> consumers = new ArrayList<>();
            List<Integer> producerIds = new ArrayList<>();
            List<Integer> consumerIds = new ArrayList<>();
            int[] next = {0, 0};
            for (int i = 0; i < perSide; i++) {
                producerIds.add(next[0]);
                producers.add(startProducer(q, board, next[0]++));
                consumerIds.add(next[1]);
                consumers.add(startConsumer(q, board, next[1]++));
            }
            int consumerKills = 0;
            for (int round = 0; round < 2 * KILLS_PER_SIDE; round++) {
                boolean killProducer = round % 2 == 0;
                retireProducersNearTheirEnd(q, board, producers, producerIds, next, retired);
                List<ChildProcess> side = killProducer ? producers : consumers;
                List<Integer> ids = killProducer ? producerIds : consumerIds;
                int victim = random.nextInt(side.size());
                int id = ids.get(victim);
                long startedAt = killProducer ? board.lastPut(id) : board.consumed(id);
                awaitTrue(() -> (killProducer ? board.lastPut(id) : board.consumed(id))
                        >= startedAt + PROGRESS_BEFORE_KILL, (killProducer ? "producer " : "consumer ") + id + " to make progress (seed " + seed + ")");
                Thread.sleep(random.nextInt(MAX_KILL_DELAY_MILLIS));
                side.get(victim).kill();
                assertEquals(-9, joinWithin(side.get(victim), CHILD_TIMEOUT), "the victim died of SIGKILL");
                if (killProducer) {
                    producerIds.set(victim, next[0]);
                    producers.set(victim, startProducer(q, board, next[0]++));
                } else {
                    consumerKills++;
                    consumerIds.set(victim, next[1]);
                    consumers.set(victim, startConsumer(q, board, next[1]++));
                }
            }
            retireProducersNearTheirEnd(q, board, producers, producerIds, next, retired);
            int lastProducer = producerIds.get(0);
            long before = board.lastPut(lastProducer);
            awaitTrue(() -> board.lastPut(lastProducer) >= before + PROGRESS_BEFORE_KILL,
                    "the last producers to make progress");
            board.setStop(1);
            assertAllExitOk(producers);
            assertAllExitOk(retired);
            board.setStop(2);
            assertAllExitOk(consumers);
            long[] lastSeen = new long[Scoreboard.MAX_PRODUCERS];
            Arrays.fill(lastSeen, -1);
            for (Long m; (m = q.poll(2, TimeUnit.SECONDS)) != null; ) {
                board.received(Scoreboard.MAX_CONSUMERS - 1, m, lastSeen);
            }
            String context = " (seed " + seed + ", " + q + ")";
            assertEquals(0, board.duplicates(), "messages delivered twice" + context);
            assertEquals(0, board.orderViolations(), "a producer's messages reached a consumer out of order" + context);
            long missing = 0;
            for (int p = 0; p < next[0]; p++) {
                long last = board.lastPut(p);
                for (int s = 0; s <= last; s++) {
                    if (!board.wasReceived(p, s)) {
                        missing++;
                    }
                }
                for (long s = last + 2; s < Math.min(last + 10, Scoreboard.MESSAGES_PER_PRODUCER); s++) {
                    assertFalse(board.wasReceived(p, (int) s), "producer " + p + " never put message " + s + context);
                }
            }
            System.out.println(kind + ": " + next[0] + " producers, " + next[1] + " consumers, " + consumerKills
                    + " consumer kills, " + missing + " missing" + context);
            assertTrue(missing <= consumerKills, missing + " messages lost, but only " + consumerKills
                    + " consumers were killed (each may lose the one it held)" + context);
            q.put(42L);
            assertEquals(42L, q.take(), "the queue still works");
        } finally {
            board.close();
        }
    }

    /**
     * A producer past half of its messages may run out of them before it can be killed (a fast
     * MPMC ring moves a million messages in well under a second): it is retired — left to put
     * the rest, then idle until the stop — and a fresh producer takes its place, so that the
     * producers a round may kill are still producing.
     */
    private void retireProducersNearTheirEnd(SharedQueue<Long> q, Scoreboard board, List<ChildProcess> producers,
            List<Integer> ids, int[] next, List<ChildProcess> retired) {
        for (int i = 0; i < producers.size(); i++) {
            if (board.lastPut(ids.get(i)) >= Scoreboard.MESSAGES_PER_PRODUCER / 2) {
                retired.add(producers.get(i));
                ids.set(i, next[0]);
                producers.set(i, startProducer(q, board, next[0]++));
            }
        }
    }

    private ChildProcess startProducer(SharedQueue<Long> q, Scoreboard board, int id) {
        ChildProcess child = new ChildProcess(() -> {
            long sequence = 0;
            while (board.stop() == 0) {
                if (sequence == Scoreboard.MESSAGES_PER_PRODUCER) {
                    Thread.sleep(IDLE_MILLIS); // all put; closing now could end the stream for the consumers
                } else if (q.offer((long) id << 32 | sequence, 100, TimeUnit.MILLISECONDS)) {
                    board.putDone(id, sequence);
                    sequence++;
                }
            }
            q.close();
        }).name("producer-" + id);
        return start(child);
    }

    private ChildProcess startConsumer(SharedQueue<Long> q, Scoreboard board, int id) {
        ChildProcess child = new ChildProcess(() -> {
            long[] lastSeen = new long[Scoreboard.MAX_PRODUCERS];
            Arrays.fill(lastSeen, -1);
            while (true) {
                Long m = q.poll(100, TimeUnit.MILLISECONDS);
                if (m != null) {
                    board.received(id, m, lastSeen);
                } else if (board.stop() >= 2) {
                    break;
                } else {
                    Thread.sleep(5);
                }
            }
            q.close();
        }).name("consumer-" + id);
        return start(child);
    }
}
