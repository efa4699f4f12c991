package dev.keyward.app.cluster;

import dev.keyward.app.support.GaleraCluster;
import dev.keyward.app.support.KeywardNodes;
import dev.keyward.app.support.KeywardTestApp;
import dev.keyward.testkit.HttpApi;
import dev.keyward.testkit.HttpApi.Reply;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Galera node crashes (SIGKILL) while two Keyward nodes, on the two other cluster nodes, take a steady
 * stream of creates and rotations. What it may cost is the writes in flight while the cluster detects the
 * loss (Galera's own failure detection: evs.suspect_timeout, 5 s by default); those answer 503, and
 * nothing else: no 500, every 200 is a change that holds on both nodes, writes succeed again once the
 * cluster has re-formed without the lost node, and the node rejoins afterwards.
 */
class GaleraNodeLossEndToEndIT {

    private static final Logger LOG = LoggerFactory.getLogger(GaleraNodeLossEndToEndIT.class);
    private static final String ADMIN = KeywardTestApp.newKey();
    private static final int LOST = 2;

    /** One write's answer and when it started and ended, in ms since the start of the run. */
    private record Answer(int status, String body, long startedMs, long endedMs, String value) {
    }

    @Test
    void a_crashed_cluster_node_costs_the_writes_in_flight_during_failure_detection_and_nothing_else() throws Exception {
        try (KeywardNodes nodes = KeywardNodes.onGalera(2, "galera_node_loss", ADMIN, Map.of(), node -> Map.of())) {
            List<HttpApi> apis = nodes.apis();
            long start = System.nanoTime();
            AtomicBoolean writing = new AtomicBoolean(true);
            ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
            ExecutorService writers = Executors.newFixedThreadPool(4);
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                work.add(writers.submit(() -> {
                    HttpApi api = apis.get(writer % 2);
                    int n = 0;
                    while (writing.get()) {
                        long began = elapsedMs(start);
                        Reply reply = api.createReply(ADMIN, "loss-" + writer + "-" + n++, List.of("RuleRead"), null);
                        answers.add(new Answer(reply.status(), reply.body(), began, elapsedMs(start),
                                reply.status() == 200 ? reply.string("value") : null));
                    }
                    return null;
                }));
            }
            Thread.sleep(2_000);
            long killedAt = elapsedMs(start);
            GaleraCluster.kill(LOST);
            Thread.sleep(15_000);
            writing.set(false);
            for (Future<?> done : work) {
                done.get();
            }
            writers.shutdown();

            Map<Integer, Integer> statuses = new TreeMap<>();
            List<String> unexpected = new ArrayList<>();
            long lastFailureEnd = killedAt;
            for (Answer answer : answers) {
                statuses.merge(answer.status(), 1, Integer::sum);
                if (answer.status() == 503) {
                    lastFailureEnd = Math.max(lastFailureEnd, answer.endedMs());
                } else if (answer.status() != 200) {
                    unexpected.add(answer.status() + " " + answer.body());
                }
            }
            long stalledMs = answers.stream().filter(a -> a.endedMs() > killedAt)
                    .mapToLong(a -> a.endedMs() - Math.max(a.startedMs(), killedAt)).max().orElse(0);
            long failuresEnded = lastFailureEnd;
            long afterLoss = answers.stream().filter(a -> a.startedMs() > failuresEnded && a.status() == 200).count();
            LOG.info("GALERA NODE LOSS: answers {}; the longest write across the loss took {} ms; last 503 ended {} ms after "
                    + "the kill; {} writes succeeded after it", statuses, stalledMs, lastFailureEnd - killedAt, afterLoss);

            assertEquals(List.of(), unexpected, "every write answers 200 or 503, never 500");
            assertTrue(lastFailureEnd - killedAt < 10_000, "writes fail for " + (lastFailureEnd - killedAt)
                    + " ms after the loss; at most Galera's failure detection is expected");
            assertTrue(afterLoss >= 20, "writes go on after the cluster re-formed: " + afterLoss);
            List<String> broken = new ArrayList<>();
            for (Answer answer : answers) {
                if (answer.status() == 200) {
                    for (int node = 0; node < apis.size(); node++) {
                        int status = apis.get(node).get("/api-tokens/self", answer.value()).status();
                        if (status != 200) {
                            broken.add("a key created at " + answer.startedMs() + " ms answers " + status + " on node " + node);
                        }
                    }
                }
            }
            assertEquals(List.of(), broken, "every 200 is a key that works on both nodes");
        } finally {
            GaleraCluster.restart(LOST);
            GaleraCluster.awaitSynced(Duration.ofSeconds(60));
        }
    }

    private static long elapsedMs(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
